#!/usr/bin/env python3
"""Builds data/remuneration/tariffe.json: the seed's hypertension row (official) and the
PROVISIONAL rows of the other pathologies, each scaled from hypertension at the same level by
per-component factors of relative resource use (see decision 0061). Re-run after changing a
factor; the JSON is the versioned artefact the product reads."""
import json
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

def cent(x): return Decimal(x).quantize(Decimal("0.01"), ROUND_HALF_UP)

# DGR X/6164/2017 as printed in seed 000 (slide "Remunerazione", "Tariffa ipertensione, livelli
# da 3 a 1"): amb pinned to the cent by the printed 8% share (amb = share / 0.08), far and ricov
# as printed (decision 0060).
HYPERTENSION = {
    3: (Decimal("276.50"), Decimal("228.00"), Decimal("0.00")),
    2: (Decimal("471.25"), Decimal("349.00"), Decimal("0.00")),
    1: (Decimal("740.50"), Decimal("703.00"), Decimal("2748.00")),
}
SEED_SOURCE = ("DGR X/6164/2017, allegato tariffe, come riportato nel seed 000 (slide 'Remunerazione', "
               "Tariffa ipertensione livelli da 3 a 1: 277/228/22,12/0 = 527; 471/349/37,70/0 = 857; "
               "740/703/59,24/2.748 = 4.250)")
SEED_RATIONALE = ("Componenti della slide; amb ricostruito al centesimo dalla quota MMG 8% stampata al "
                  "centesimo (amb = quota / 0,08); il totale e' la somma esatta delle componenti, entro "
                  "l'arrotondamento all'euro del totale stampato (decisione 0060).")

# code: (amb, far, ricov factors vs hypertension at the same level, what the factors rest on)
FACTORS = {
    9:  ("1.6", "2.5", "1.8", "ossigenoterapia domiciliare a lungo termine (fornitura O2) ed emogasanalisi periodiche; riacutizzazioni con ricovero frequenti"),
    20: ("1.8", "1.6", "2.0", "ecocardiogramma, BNP e visite cardiologiche ravvicinate; sacubitril/valsartan, betabloccanti, diuretici; riospedalizzazioni frequenti"),
    44: ("1.5", "2.8", "0.8", "HbA1c trimestrale, visite diabetologiche, fondo oculare; insuline e presidi per l'autocontrollo"),
    8:  ("1.9", "3.2", "1.3", "come diabete tipo 1 con controlli delle complicanze (nefro-, retino-, neuropatia)"),
    50: ("1.2", "1.5", "0.8", "HbA1c semestrale, fondo oculare, microalbuminuria; metformina e antidiabetici orali/iniettivi"),
    16: ("1.6", "2.0", "1.2", "come diabete tipo 2 con controlli e terapie delle complicanze"),
    29: ("1.4", "1.4", "1.4", "ECG, ecocardiogramma, test da sforzo; doppia antiaggregazione e statine ad alta intensita'"),
    39: ("1.2", "1.8", "1.3", "spirometria e visite pneumologiche; broncodilatatori LAMA/LABA, ICS; riacutizzazioni"),
    14: ("1.3", "1.2", "1.2", "ecocolordoppler arterioso e indice caviglia-braccio; antiaggreganti e statine"),
    23: ("1.3", "1.2", "1.3", "ecocolordoppler TSA e visite neurologiche; prevenzione secondaria dell'ictus"),
    30: ("1.5", "1.5", "1.2", "ECG, Holter, controlli dei dispositivi; anticoagulanti orali"),
    17: ("1.6", "1.8", "1.3", "creatinina/eGFR, elettroliti, visite nefrologiche; eritropoietina e chelanti del fosforo"),
    48: ("0.7", "1.0", "0.6", "profilo lipidico periodico; statine ed ezetimibe"),
    60: ("0.6", "0.3", "0.4", "TSH periodico; levotiroxina a basso costo"),
    63: ("0.9", "1.4", "0.6", "spirometria e visite pneumologiche; ICS/LABA"),
    40: ("1.3", "3.0", "0.8", "visite reumatologiche ed esami di monitoraggio; DMARD (biologici in parte)"),
    28: ("1.2", "0.8", "1.4", "valutazioni neuropsicologiche e visite neurologiche; ricoveri per complicanze"),
    47: ("1.2", "1.0", "1.4", "come demenze; inibitori delle colinesterasi"),
    33: ("1.3", "1.8", "1.2", "visite neurologiche; levodopa e dopaminoagonisti"),
    34: ("1.0", "1.4", "0.8", "EEG e visite neurologiche; antiepilettici"),
    25: ("1.5", "1.3", "1.4", "ecocardiogramma periodico; anticoagulanti nei portatori di protesi"),
    32: ("1.5", "1.4", "1.5", "ecocardiogramma e visite cardiologiche; terapia dello scompenso incipiente"),
    46: ("1.5", "3.0", "1.0", "endoscopie e calprotectina; mesalazina, immunosoppressori, biologici in parte"),
    41: ("0.9", "2.0", "0.4", "visite dermatologiche e reumatologiche; terapie sistemiche"),
    19: ("1.6", "1.2", "1.6", "ecografia addome semestrale, EGDS; ricoveri per scompenso epatico"),
    43: ("1.2", "1.0", "0.8", "esami di funzionalita' epatica e carica virale; antivirali ad alto costo esclusi (file F)"),
    57: ("1.5", "0.8", "0.8", "esami di follow-up oncologico secondo linee guida"),
}

def row(code, level, amb, far, ricov, provisional, source, rationale):
    share = cent(amb * Decimal("0.08"))
    return {"pathology": code, "level": level, "amb": float(amb), "far": float(far), "ricov": float(ricov),
            "total": float(amb + far + share + ricov), "provisional": provisional, "source": source, "rationale": rationale}

rows = [row(56, lvl, *HYPERTENSION[lvl], False, SEED_SOURCE, SEED_RATIONALE) for lvl in (1, 2, 3)]
for code, (fa, ff, fr, basis) in sorted(FACTORS.items()):
    for lvl in (1, 2, 3):
        amb, far, ricov = HYPERTENSION[lvl]
        amb2, far2, ricov2 = cent(amb * Decimal(fa)), cent(far * Decimal(ff)), cent(ricov * Decimal(fr))
        rows.append(row(code, lvl, amb2, far2, ricov2, True,
                        "PROVVISORIA: stima di Territorio, non pubblicata dalla Regione",
                        f"ipertensione livello {lvl} x consumo relativo (amb x{fa}, far x{ff}, ricov x{fr}): {basis}"))
rows.sort(key=lambda r: (r["pathology"], r["level"]))

catalogue = {
    "id": "RL-DGR6164-2017",
    "version": "2017.1-provv.1",
    "valid_from": "2017-01-01",
    "valid_to": None,
    "source": "DGR X/6164/2017 (ipertensione dal seed 000); altre patologie PROVVISORIE (decisione 0061)",
    "provisional": True,
    "note": ("PROVVISORIO: solo la riga dell'ipertensione arteriosa (56) viene dalla DGR; le altre sono stime "
             "scalate dall'ipertensione per consumo relativo di risorse, da sostituire con il foglio ufficiale "
             "(territorio tariffs import --xlsx). mmg_share non si scrive: e' l'8% di amb."),
    "tariffs": rows,
}
out = Path(__file__).resolve().parent.parent / "data" / "remuneration" / "tariffe.json"
text = json.dumps(catalogue, ensure_ascii=False, indent=2)
# One tariff per line keeps diffs readable.
import re
text = re.sub(r'\{\n\s+("pathology".*?)\n\s+\}', lambda m: "{ " + re.sub(r",\n\s+", ", ", m.group(1)) + " }", text, flags=re.S)
out.write_text(text + "\n", encoding="utf-8")
print(f"{out}: {len(rows)} tariffs")
