#!/usr/bin/env python3
"""A synthetic group concept-mapping study with a known structure, for tests and benchmarks.

Statements sit at random points around K latent theme centres on a plane; each sorter makes
piles by cutting the plane into their own number of regions (noisy: a card strays to another
pile now and then, some cards are left out); raters in three groups rate importance and
feasibility, which depend on the theme. Deterministic for a seed.

usage: gen_concept_map.py OUT_DIR [--statements N] [--sorters S] [--raters R] [--themes K] [--seed X]
"""
import argparse
import csv
import math
import os
import random


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--statements", type=int, default=100)
    p.add_argument("--sorters", type=int, default=30)
    p.add_argument("--raters", type=int, default=30)
    p.add_argument("--themes", type=int, default=8)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)

    centres = [(rnd.uniform(-1, 1), rnd.uniform(-1, 1)) for _ in range(a.themes)]
    points, themes = [], []
    for i in range(a.statements):
        t = rnd.randrange(a.themes)
        cx, cy = centres[t]
        points.append((cx + rnd.gauss(0, 0.25), cy + rnd.gauss(0, 0.25)))
        themes.append(t)
    with open(os.path.join(a.out, "statements.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text"])
        for i in range(a.statements):
            w.writerow([f"S{i + 1}", f"Statement {i + 1} about theme {themes[i] + 1}"])

    with open(os.path.join(a.out, "sorts.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["sorter_id", "statement_id", "pile_id"])
        for s in range(a.sorters):
            piles = rnd.randint(max(2, a.themes - 3), a.themes + 6)
            seeds = [points[rnd.randrange(a.statements)] for _ in range(piles)]
            for i, (x, y) in enumerate(points):
                if rnd.random() < 0.03:
                    continue  # left out: a pile of its own
                x, y = x + rnd.gauss(0, 0.15), y + rnd.gauss(0, 0.15)
                pile = min(range(piles), key=lambda k: math.dist((x, y), seeds[k]))
                if rnd.random() < 0.05:
                    pile = rnd.randrange(piles)
                w.writerow([f"P{s + 1}", f"S{i + 1}", f"pile {pile + 1}"])

    groups = ["patient", "professional", "leader"]
    importance = [rnd.uniform(2, 4.5) for _ in range(a.themes)]
    feasibility = [rnd.uniform(2, 4.5) for _ in range(a.themes)]
    with open(os.path.join(a.out, "ratings.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["rater_id", "group", "statement_id", "variable", "value"])
        for r in range(a.raters):
            group = groups[r % len(groups)]
            for variable, level in (("importance", importance), ("feasibility", feasibility)):
                for i in range(a.statements):
                    if rnd.random() < 0.05:
                        continue  # not rated
                    v = round(level[themes[i]] + rnd.gauss(0, 0.9))
                    w.writerow([f"R{r + 1}", group, f"S{i + 1}", variable, min(5, max(1, v))])


if __name__ == "__main__":
    main()
