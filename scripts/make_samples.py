"""Rebuild samples/wikinews/*.jsonl from the MEANTIME corpus (Wikinews, CC BY 4.0).

Usage: python scripts/make_samples.py ../shared/data/meantime_en
The samples are shipped in the repo (with attribution in samples/README.md); this script
documents exactly how they were made.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

DOCS = [
    "corpus_gm/118147_US_automaker_bailout_deal_fails_to_pass_Senate.xml",
    "corpus_gm/123881_GM_and_Chrysler_receive_Canadian_loans_amid_US_restructuring_ultimata.xml",
    "corpus_gm/127227_Barack_Obama_presents_rescue_plan_after_GM_declaration_of_bankruptcy.xml",
    "corpus_airbus/87805_Indonesia_transport_minister.xml",
    "corpus_airbus/3835_Chinese_airlines_agree_purchase_of_Boeing_787_Dreamliners.xml",
]


def detok(tokens):
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r" ('s|'re|'ve|n't|'ll|'d)\b", r"\1", text)
    text = text.replace("``", '"').replace("''", '"').replace(" -- ", " - ")
    text = re.sub(r'" ([^"]*?) "', r'"\1"', text)
    return text


def main(root):
    root = Path(root) / "intra_cross-doc_annotation"
    out = Path(__file__).resolve().parents[1] / "samples" / "wikinews" / "wikinews.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        for rel in DOCS:
            tree = ET.parse(root / rel)
            doc = tree.getroot()
            sents = {}
            for tok in doc.iter("token"):
                sents.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
            dct = None
            for t in doc.iter("TIMEX3"):
                if t.get("functionInDocument") == "CREATION_TIME":
                    dct = t.get("value")
            order = sorted(sents)
            title = detok(sents[order[0]])
            body_sents = [detok(sents[i]) for i in order[2:]]  # sentence 1 is the date line
            paras = [" ".join(body_sents[i:i + 2]) for i in range(0, len(body_sents), 2)]
            rec = {"id": doc.get("doc_id"), "url": doc.get("url"), "title": title,
                   "published": dct[:10] if dct else None, "text": "\n\n".join(paras)}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/meantime_en")
