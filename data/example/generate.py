#!/usr/bin/env python3
"""Generates the example season of data/example/ (run from anywhere; writes next to itself).

A garden of the Lens-Lievin area in 2023: 60 households in the weekly `cocagne` scheme and 46 in
the fortnightly `paniers` scheme, some paused for a few weeks, a few ending mid-season; a harvest
forecast for every delivery week; nine cooking workshops. Enrolment ends are tuned so that the
baskets due in 2023 under panier's eligibility rule come to 2,600 Cocagne and 1,000 P.A.N.I.E.R.S
baskets, the figures of the season this example is shaped on. Names and phone numbers are
invented. Deterministic: the same script writes the same files.

households.xlsx is households.csv as LibreOffice saves it (dates become date cells), to show that
panier reads a social centre's workbook as it is:
  soffice --headless --convert-to xlsx --infilter="CSV:44,34,76,1" households.csv
"""
import csv
import datetime
import os
import random
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
YEAR = 2023
CLOSED = {33, 52}
FIRST_WEEK = 2
TARGET = {"cocagne": 2600, "paniers": 1000}

LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
              "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
              "Morel", "Girard", "Andre", "Lefevre", "Mercier", "Dupont", "Lambert", "Bonnet", "Francois", "Martinez",
              "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guerin", "Muller", "Henry", "Roussel", "Nicolas",
              "Perrin", "Morin", "Mathieu", "Clement", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
              "Kowalski", "Nowak", "Benali", "Haddad", "Wisniewski", "Delattre", "Vasseur", "Lemaire", "Caron", "Dufour"]
FIRST_NAMES = ["Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sandrine", "Christine", "Valérie", "Céline",
               "Stéphanie", "Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre",
               "Laurent", "Frédéric", "Kevin", "Jessica", "Amandine", "Mélanie", "Aurélie", "Yasmina", "Fatima",
               "Karim", "Sofiane", "Ludivine", "Brigitte", "Josiane", "Mickaël", "Dylan", "Océane"]
POINTS = ["cs-lens-centre", "ccas-lens", "cs-calonne", "ccas-lievin", "cs-avion", "ccas-loos", "cs-grenay",
          "ccas-bully", "cs-sallaumines", "ccas-harnes", "cs-mericourt", "jardin"]
POINT_WEIGHTS = [10, 9, 8, 10, 7, 6, 6, 7, 7, 8, 7, 5]
COMMUNE = {"cs-lens-centre": "Lens", "ccas-lens": "Lens", "cs-calonne": "Liévin", "ccas-lievin": "Liévin",
           "cs-avion": "Avion", "ccas-loos": "Loos-en-Gohelle", "cs-grenay": "Grenay",
           "ccas-bully": "Bully-les-Mines", "cs-sallaumines": "Sallaumines", "ccas-harnes": "Harnes",
           "cs-mericourt": "Méricourt", "jardin": "Loos-en-Gohelle"}
REFERRERS = ["ccas", "centre-social", "mds-departement", "caf", "mission-locale"]
SIZE_VALUE = {"S": 10.0, "M": 15.0, "L": 19.0}


def week_text(n):
    return f"{YEAR}-W{n:02d}"


def due_weeks(start, end, rhythm, pauses):
    weeks = []
    for w in range(start, min(end, 52) + 1):
        if w in CLOSED or any(a <= w <= b for a, b in pauses):
            continue
        if rhythm == "fortnightly" and (w - start) % 2:
            continue
        weeks.append(w)
    return weeks


def main():
    rnd = random.Random(2023)
    households = []
    for i in range(106):
        scheme = "cocagne" if i < 60 else "paniers"
        adults = rnd.choice([1, 1, 1, 2, 2])
        children = rnd.choice([0, 0, 1, 2, 3, 4])
        persons = adults + children
        size = "S" if persons <= 2 else "M" if persons <= 4 else "L"
        point = rnd.choices(POINTS, POINT_WEIGHTS)[0]
        qf = rnd.randrange(250 if scheme == "cocagne" else 400, 1200, 10)
        # Most start with the season; some join later; a few end mid-season.
        start = FIRST_WEEK if rnd.random() < 0.7 else rnd.randrange(FIRST_WEEK, 30)
        end = 53 + rnd.randrange(0, 20) if rnd.random() < 0.85 else rnd.randrange(start + 12, 45)
        end = min(end, start + 51)  # at most a year: one renewal of a 26-week enrolment
        households.append({"i": i, "scheme": scheme, "adults": adults, "children": children, "size": size,
                           "point": point, "qf": qf, "start": start, "end": end, "pauses": []})
    for h in rnd.sample(households[:60], 10) + rnd.sample(households[60:], 3):
        a = rnd.randrange(max(h["start"] + 2, 8), 46)
        h["pauses"].append((a, a + rnd.randrange(0, 3)))

    def total(scheme):
        return sum(len(due_weeks(h["start"], h["end"], "weekly" if scheme == "cocagne" else "fortnightly",
                                 h["pauses"])) for h in households if h["scheme"] == scheme)

    print(f"before tuning: cocagne {total('cocagne')}, paniers {total('paniers')}")
    # Tune end weeks (of households ending within 2023) until each scheme's total is exact.
    for scheme in ("cocagne", "paniers"):
        step = 1 if scheme == "cocagne" else 2
        members = [h for h in households if h["scheme"] == scheme]
        guard = 0
        while total(scheme) != TARGET[scheme]:
            guard += 1
            assert guard < 20000, "could not reach the target"
            h = rnd.choice(members)
            if total(scheme) > TARGET[scheme]:
                if h["end"] > 52:
                    h["end"] = 52
                elif h["end"] - step >= h["start"] + 8:
                    h["end"] -= step
            elif h["end"] <= 52 - step:
                h["end"] += step
            elif h["end"] <= 52:
                h["end"] = min(53 + rnd.randrange(0, 20), h["start"] + 51)

    def year_week(n):
        return week_text(n) if n <= 52 else f"{YEAR + 1}-W{n - 52:02d}"

    with open(os.path.join(HERE, "households.csv"), "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["code", "last_name", "first_name", "phone", "adults", "children", "commune", "qf", "qf_date",
                      "referrer", "scheme", "size", "point", "start_week", "end_week"])
        for h in households:
            code = f"H-{h['i'] + 1:04d}"
            h["code"] = code
            phone = "06 " + " ".join(f"{rnd.randrange(100):02d}" for _ in range(4)) if rnd.random() < 0.8 else ""
            qf_date = datetime.date(2022, 10, 1) + datetime.timedelta(days=rnd.randrange(90))
            out.writerow([code, rnd.choice(LAST_NAMES), rnd.choice(FIRST_NAMES), phone, h["adults"], h["children"],
                          COMMUNE[h["point"]], h["qf"], qf_date.isoformat(), rnd.choice(REFERRERS), h["scheme"],
                          h["size"], h["point"], week_text(h["start"]), year_week(h["end"])])

    with open(os.path.join(HERE, "pauses.csv"), "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["household", "from_week", "to_week"])
        for h in households:
            for a, b in h["pauses"]:
                out.writerow([h["code"], week_text(a), week_text(b)])

    # Harvest: for each delivery week, in-season vegetables worth about 1.3 times the week's baskets.
    with open(os.path.join(HERE, "..", "vegetables.toml"), "rb") as f:
        catalogue = tomllib.load(f)["vegetables"]
    with open(os.path.join(HERE, "harvest.csv"), "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["week", "vegetable", "quantity", "grade"])
        for w in range(FIRST_WEEK, 53):
            if w in CLOSED:
                continue
            month = datetime.date.fromisocalendar(YEAR, w, 4).month
            demand = 0.0
            for h in households:
                rhythm = "weekly" if h["scheme"] == "cocagne" else "fortnightly"
                if w in due_weeks(h["start"], h["end"], rhythm, h["pauses"]):
                    demand += SIZE_VALUE[h["size"]]
            in_season = sorted(k for k, v in catalogue.items() if month in v["months"])
            familiar = [k for k in in_season if not catalogue[k]["unfamiliar"]]
            unfamiliar = [k for k in in_season if catalogue[k]["unfamiliar"]]
            chosen = rnd.sample(familiar, min(11, len(familiar))) + rnd.sample(unfamiliar, min(2, len(unfamiliar)))
            weights = [rnd.uniform(0.6, 1.4) for _ in chosen]
            budget = demand * 1.3
            for veg, weight in sorted(zip(chosen, weights)):
                v = catalogue[veg]
                value = budget * weight / sum(weights)
                step = v["step"]
                quantity = max(step, round(value / v["price"] / step) * step)
                text = f"{quantity:.2f}".rstrip("0").rstrip(".") if v["unit"] == "kg" else str(int(round(quantity)))
                out.writerow([week_text(w), veg, text, "standard"])
            if rnd.random() < 0.3:
                veg = rnd.choice(familiar)
                out.writerow([week_text(w), veg, "15" if catalogue[veg]["unit"] == "kg" else "20", "off-grade"])

    # Nine cooking workshops with their attendance.
    themes = [("2023-02-16", "cooking-techniques", "Centre social de Calonne", 12, "panais,topinambour"),
              ("2023-03-23", "anti-waste", "CCAS de Lens", 10, "poireau,carotte"),
              ("2023-04-20", "seasonality", "Jardin de l'Écopôle", 15, "radis,epinard"),
              ("2023-05-25", "balanced-eating", "Centre social d'Avion", 12, "blette"),
              ("2023-06-22", "farm-visit", "Jardin de l'Écopôle", 20, "courgette,chou-rave"),
              ("2023-09-21", "preserving", "CCAS de Liévin", 10, "tomate,poivron"),
              ("2023-10-19", "cooking-techniques", "Centre social de Sallaumines", 12, "potimarron,patisson"),
              ("2023-11-16", "reading-labels", "CCAS de Harnes", 10, "rutabaga"),
              ("2023-12-14", "anti-waste", "Centre social du centre-ville", 12, "chou-vert,radis-noir")]
    with open(os.path.join(HERE, "workshops.csv"), "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["date", "theme", "place", "capacity", "vegetables", "attendance"])
        os.makedirs(os.path.join(HERE, "attendance"), exist_ok=True)
        for date, theme, place, capacity, vegetables in themes:
            # Vegetables joined by ';' so that the demo script can read the file without a CSV parser.
            out.writerow([date, theme, place, capacity, vegetables.replace(",", ";"), f"attendance/{date}.csv"])
            with open(os.path.join(HERE, "attendance", f"{date}.csv"), "w", newline="", encoding="utf-8") as g:
                att = csv.writer(g, lineterminator="\n")
                att.writerow(["household", "adults", "children"])
                for h in sorted(rnd.sample(households, rnd.randrange(4, 8)), key=lambda x: x["code"]):
                    att.writerow([h["code"], 1, min(h["children"], rnd.randrange(0, 3))])

    print(f"cocagne baskets due in {YEAR}: {total('cocagne')}; paniers: {total('paniers')}")


if __name__ == "__main__":
    main()
