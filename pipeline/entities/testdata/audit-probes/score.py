import os
import json, sys, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib, os; P = importlib.import_module(os.environ.get("PROBES","probes")).P
T = dict(S='STATE_ACTOR', O='ORGANIZATION', P='POLICY', T='TECHNOLOGY', H='PERSON', E='EVENT', C='CONCEPT')
texts = {pid: t for pid, t, e in P}
ents = collections.defaultdict(list); offbad = []
for l in open(sys.argv[1] if len(sys.argv) > 1 else 'out_sentence.jsonl'):
    r = json.loads(l); doc = texts[r['doc_id']]
    if doc[r['start']:r['end']] != r['text']: offbad.append(('sent', r['doc_id'], r['index']))
    for e in r['entities']:
        if doc.encode()[e['start']:e['end']].decode('utf-8', 'replace') != e['text']:
            offbad.append(('ent-bytes', r['doc_id'], e))
        ents[r['doc_id']].append(e)
def span(doc, surf):
    n = 1
    if '#' in surf: surf, n = surf.split('#'); n = int(n)
    i = -1
    for _ in range(n): i = doc.find(surf, i + 1)
    assert i >= 0, (doc, surf)
    b = len(doc[:i].encode()); return b, b + len(surf.encode())
tot = dict(exp=0, tp=0, fp=0, miss=0, opt_tp=0)
rows = []
for pid, doc, exps in P:
    E = []
    for x in exps:
        surf, ty, can, fl = x.split('|')
        s, e = span(doc, surf)
        E.append(dict(surf=surf, s=s, e=e, types={T[c] for c in ty}, can=can, opt=fl == 'opt', hit=False))
    tag = sorted(ents[pid], key=lambda e: (e['start'], -e['end']))
    for x in E:
        if not x['opt']: tot['exp'] += 1
    res = []
    for t in tag:
        ov = [x for x in E if t['start'] < x['e'] and x['s'] < t['end']]
        good = [x for x in ov if t['type'] in x['types'] and (x['can'] == '*' or x['can'].lower() == t['canonical'].lower())]
        # prefer exact span match
        good.sort(key=lambda x: (x['s'] != t['start'] or x['e'] != t['end'], x['opt']))
        if good:
            x = good[0]
            if x['hit']: res.append(('DUP', t)); continue
            x['hit'] = True
            if x['opt']: tot['opt_tp'] += 1; res.append(('TPopt', t))
            else: tot['tp'] += 1; res.append(('TP', t))
        else:
            # nested inside another correctly tagged longer entity?
            tot['fp'] += 1
            why = 'FP'
            if ov: why = 'FP-wrong(' + ';'.join(f"{x['surf']}:{'/'.join(sorted(x['types']))}:{x['can']}" for x in ov) + ')'
            res.append((why, t))
    miss = [x for x in E if not x['hit'] and not x['opt']]
    tot['miss'] += len(miss)
    rows.append((pid, doc, res, miss))
for pid, doc, res, miss in rows:
    bad = [r for r in res if not r[0].startswith('TP')] or miss
    print(('!! ' if bad else '   ') + pid, doc)
    for k, t in res: print(f"      {k:5s} {t['text']!r} -> {t['canonical']} [{t['type']}] {t['start']}-{t['end']} src={t['source']}")
    for x in miss: print(f"      MISS  {x['surf']!r} {'/'.join(sorted(x['types']))} {x['can']}")
print(tot, 'P=%.3f R=%.3f' % (tot['tp'] / (tot['tp'] + tot['fp']), tot['tp'] / tot['exp']))
print('offset problems:', offbad)
