import json,csv,sys
exp={}
for r in csv.DictReader(open(__import__('os').path.join(__import__('os').path.dirname(__import__('os').path.abspath(__file__)),'expected.tsv')),delimiter='\t'):
    exp[r['id']]=r
out={}
for l in open(sys.argv[1] if len(sys.argv)>1 else 'out.jsonl'):
    d=json.loads(l); out.setdefault(d['doc_id'],[]).append(d)
def ev_str(e):
    f=''.join(k[0].upper() for k in ('negated','hedged','ignored') if e.get(k))
    return f"{e['text']}[{e['frame'][:4]} w={e['weight']:.2f}{' '+f if f else ''}{' ('+e['reason']+')' if e.get('reason') else ''}]"
bad=0
for pid,r in exp.items():
    sents=out[pid]
    # for multi-sentence probes use last sentence
    s=sents[-1]
    evs=[e for x in sents for e in x.get('evidence',[])]
    probs=[]
    allowed=r['expected_label'].split('|')
    if s['frame'] not in allowed: probs.append(f"label {s['frame']} != {r['expected_label']}")
    for chk in filter(None,r['cue_checks'].split(';')):
        term,fv=chk.rsplit(':',1); fl,v=fv.split('='); v=v=='1'
        key={'neg':'negated','hed':'hedged','ign':'ignored'}[fl]
        m=[e for e in evs if term.lower() in e['text'].lower() or e['text'].lower() in term.lower()]
        m=[e for e in m if e['text'].lower().startswith(term.lower().split()[0][:4])] or m
        if not m: probs.append(f"no evidence for {term}"); continue
        if bool(m[0].get(key,False))!=v: probs.append(f"{term} {key}={bool(m[0].get(key,False))} want {v}")
    mark='OK ' if not probs else 'XX '
    if probs: bad+=1
    print(mark+pid, s['frame'], '|', '; '.join(probs), '|', ' '.join(ev_str(e) for e in evs))
print('wrong',bad,'of',len(exp))
