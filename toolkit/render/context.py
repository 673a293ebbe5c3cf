"""One context, built once from the validated protocol, shared by every document and format.

Templates only lay it out. Everything a document says is here: the author's text (in the
requested language when the author translated it), the fixed labels, and facts derived from
the protocol (the ages as a sentence, how groups are decided) — never invented content.
"""

from __future__ import annotations

from toolkit.render import labels
from toolkit.document.walk import get

class Localized:
    """Picks the author's translation for `lang`, falling back to the original text."""

    def __init__(self, data: dict, lang: str) -> None:
        self.data, self.lang = data, lang
        self.source_lang = data.get("language", "en")
        self.translation = get(data, "translations", lang, default={}) if lang != self.source_lang else {}

    def text(self, *path):
        """(text, original) — `original` is True when the text is not in the requested language."""
        translated = get(self.translation, *path)
        if translated:
            return translated, False
        return get(self.data, *path), self.lang != self.source_lang

    def value(self, *path):
        return self.text(*path)[0]

    def items(self, *path) -> list:
        translated = get(self.translation, *path)
        original = get(self.data, *path, default=[])
        if translated and len(translated) == len(original):
            return list(translated)
        return list(original)


def build(data: dict, kind: str, lang: str) -> dict:
    loc = Localized(data, lang)
    L, H = labels.for_language(lang), labels.HEADINGS["zh" if lang == "zh" else "en"]
    interventions = {i["id"]: _intervention(i, L) for i in data.get("interventions", [])}
    design_rows = _design_rows(data, L, H)
    context = {
        "kind": kind, "lang": lang, "html_lang": "zh-CN" if lang == "zh" else "en",
        "L": L, "H": H, "p": data,
        "meta": _meta(data, loc, kind),
        "title": {"brief": loc.text("title", "brief"), "official": loc.text("title", "official"),
                  "acronym": get(data, "title", "acronym")},
        "summary": loc.text("summary"), "description": loc.text("description"),
        "conditions": loc.items("conditions"), "keywords": data.get("keywords", []),
        "status": _status(data, L),
        "design_rows": design_rows,
        "design_facts": dict(design_rows),
        "arms": [_arm(a, interventions, L) for a in data.get("arms", [])],
        "interventions": list(interventions.values()),
        "endpoints": {k: get(data, "endpoints", k, default=[]) for k in ("primary", "secondary", "other")},
        "eligibility": _eligibility(data, loc, L, H),
        "objectives": {k: get(data, "objectives", k, default=[]) for k in ("primary", "secondary", "exploratory")},
        "sponsor": data.get("sponsor", {}),
        "contacts": data.get("contacts", {}),
        "locations": data.get("locations", []),
        "references": data.get("references", []),
        "oversight": data.get("oversight", {}),
        "sections": data.get("sections", {}),
    }
    context["outline"] = [(anchor, number, zh if lang == "zh" else en) for anchor, number, en, zh in labels.M11]
    context["heading"] = {anchor: (number, title) for anchor, number, title in context["outline"]}
    context["who"] = who_items(data, context, L, H)
    context["patient"] = _patient(data, loc, context, L, H)
    return context


def _meta(data, loc, kind) -> dict:
    version = data.get("version", {})
    sponsor = get(data, "sponsor", "lead") or ""
    return {"id": data["id"], "nct": get(data, "identifiers", "nct"), "version": version.get("number"),
            "date": str(version["date"]) if version.get("date") is not None else None,
            "author": sponsor, "title": loc.value("title", "brief"), "kind": kind}


def _dated(item, L) -> str | None:
    if not item:
        return None
    kind = item.get("type")
    return f"{item['date']} ({L['date_type'][kind]})" if kind else str(item["date"])


def _status(data, L) -> dict:
    status = data.get("status", {})
    overall = status.get("overall") or status.get("expanded_access") or ("unknown" if status.get("last_known") else None)
    return {
        "overall": L["status"][overall] if overall else None,
        "why_stopped": status.get("why_stopped"),
        "start": _dated(status.get("start"), L), "primary_completion": _dated(status.get("primary_completion"), L),
        "completion": _dated(status.get("completion"), L),
        "first_submitted": status.get("first_submitted"), "last_updated": status.get("last_updated"),
    }


def _design_rows(data, L, H) -> list[tuple[str, str]]:
    design = data.get("design", {})
    masking = design.get("masking")
    rows = [
        (H["study_type"], L["study_type"].get(design.get("study_type"))),
        (H["phase"], "/".join(L["phase"][p] for p in design.get("phases", [])) or None),
        (H["allocation"], L["allocation"].get(design.get("allocation"))),
        (H["model"], L["model"].get(design.get("model"))),
        (H["purpose"], L["purpose"].get(design.get("purpose"))),
        (H["masking"], _masking(masking, L) if masking else None),
        (H["ratio"], get(design, "randomization", "ratio")),
        (H["enrollment"], _enrollment(design, L)),
        (H["follow_up"], design.get("follow_up")),
    ]
    return [(label, value) for label, value in rows if value]


def _masking(masking, L) -> str:
    text = L["masking"][masking["level"]]
    who = masking.get("who", [])
    return f"{text} ({', '.join(L['who'][w] for w in who)})" if who else text


def _enrollment(design, L) -> str | None:
    enrollment = design.get("enrollment")
    if not enrollment:
        return None
    kind = enrollment.get("type")
    return f"{enrollment['count']}" + (f" ({L['enrollment_type'][kind]})" if kind else "")


def _intervention(item, L) -> dict:
    return {**item, "type_label": L["intervention_type"][item["type"]], "dosing": item.get("dosing", []),
            "other_names": item.get("other_names", [])}


def _arm(arm, interventions, L) -> dict:
    return {**arm, "type_label": L["arm_type"].get(arm.get("type"), ""),
            "given": [interventions[i] for i in arm.get("interventions", []) if i in interventions]}


def _age_words(value: str | None, lang: str) -> str | None:
    if not value:
        return None
    number, unit = value.split(" ", 1)
    if lang == "zh":
        return f"{number}{labels.UNITS_ZH.get(unit.lower().rstrip('s'), unit)}"
    return value.lower()


def _eligibility(data, loc, L, H) -> dict:
    eligibility = data.get("eligibility", {})
    lang = loc.lang
    low, high = _age_words(eligibility.get("minimum_age"), lang), _age_words(eligibility.get("maximum_age"), lang)
    if low and high:
        ages = f"{low} – {high}"
    else:
        ages = f"≥ {low}" if low else (f"≤ {high}" if high else L["no_limit"])
    hv = eligibility.get("healthy_volunteers")
    return {
        "ages": ages, "low": low, "high": high,
        "sex": L["sex"].get(eligibility.get("sex")) if eligibility.get("sex") else None,
        "healthy_volunteers": None if hv is None else (L["yes"] if hv else L["no"]),
        "inclusion": loc.items("eligibility", "inclusion"),
        "exclusion": loc.items("eligibility", "exclusion"),
        "population": eligibility.get("population"),
    }


def _countries(data) -> list[str]:
    return list(dict.fromkeys(site["country"] for site in data.get("locations", []) if site.get("country")))


def who_items(data, ctx, L, H) -> list[tuple[int, str, str]]:
    """The 24 items of the WHO Trial Registration Data Set (v1.3.1), in order."""
    status, nct = ctx["status"], get(data, "identifiers", "nct")
    secondary = [get(data, "identifiers", "org_study_id")] + [s["id"] for s in get(data, "identifiers", "secondary", default=[])]
    sponsor = data.get("sponsor", {})
    design = {label: value for label, value in ctx["design_rows"]}
    elig = ctx["eligibility"]
    items = [
        ("Primary Registry and Trial Identifying Number", f"ClinicalTrials.gov {nct}" if nct else None),
        ("Date of Registration in Primary Registry", status["first_submitted"]),
        ("Secondary Identifying Numbers", "; ".join(s for s in secondary if s) or None),
        ("Source(s) of Monetary or Material Support",
         "; ".join(sponsor.get("funding") or [x for x in [sponsor.get("lead"), *sponsor.get("collaborators", [])] if x]) or None),
        ("Primary Sponsor", sponsor.get("lead")),
        ("Secondary Sponsor(s)", "; ".join(sponsor.get("collaborators", [])) or None),
        ("Contact for Public Queries", _contacts_text(get(data, "contacts", "central", default=[]))),
        ("Contact for Scientific Queries", _officials_text(get(data, "contacts", "officials", default=[]))),
        ("Public Title", ctx["title"]["brief"][0]),
        ("Scientific Title", " — ".join(x for x in [ctx["title"]["official"][0], ctx["title"]["acronym"]] if x) or None),
        ("Countries of Recruitment", "; ".join(_countries(data)) or None),
        ("Health Condition(s) or Problem(s) Studied", "; ".join(ctx["conditions"] + ctx["keywords"]) or None),
        ("Intervention(s)", "; ".join(f"{a['label']}: {', '.join(i['name'] for i in a['given']) or L['none']}"
                                     for a in ctx["arms"]) or None),
        ("Key Inclusion and Exclusion Criteria", _criteria_text(elig, H)),
        ("Study Type", "; ".join(f"{k}: {v}" for k, v in design.items() if k not in (H["enrollment"], H["follow_up"])) or None),
        ("Date of First Enrolment", status["start"]),
        ("Target Sample Size", design.get(H["enrollment"])),
        ("Recruitment Status", status["overall"]),
        ("Primary Outcome(s)", _outcomes_text(ctx["endpoints"]["primary"])),
        ("Key Secondary Outcomes", _outcomes_text(ctx["endpoints"]["secondary"])),
        ("Ethics Review", _ethics_text(get(data, "oversight", "ethics", default=[]))),
        ("Completion Date", "; ".join(f"{k}: {v}" for k, v in [(H["primary_completion"], status["primary_completion"]),
                                                               (H["completion"], status["completion"])] if v) or None),
        ("Summary Results", "; ".join(r["citation"] for r in data.get("references", []) if r.get("type") == "result") or None),
        ("IPD Sharing Statement", _ipd_text(data.get("ipd_sharing"))),
    ]
    return [(number, name, value or L["not_given"]) for number, (name, value) in enumerate(items, start=1)]


def _contacts_text(contacts) -> str | None:
    return "; ".join(", ".join(x for x in (c["name"], c.get("phone"), c.get("email")) if x) for c in contacts) or None


def _officials_text(officials) -> str | None:
    return "; ".join(", ".join(x for x in (o["name"], o.get("affiliation")) if x) for o in officials) or None


def _criteria_text(elig, H) -> str:
    parts = [f"{H['ages']}: {elig['ages']}"]
    if elig["sex"]:
        parts.append(f"{H['sex']}: {elig['sex']}")
    parts += [f"{H['inclusion']}: {len(elig['inclusion'])}", f"{H['exclusion']}: {len(elig['exclusion'])}"]
    return "; ".join(parts)


def _outcomes_text(endpoints) -> str | None:
    return "; ".join(e["measure"] + (f" ({e['timeframe']})" if e.get("timeframe") else "") for e in endpoints) or None


def _ethics_text(ethics) -> str | None:
    return "; ".join(", ".join(str(x) for x in (e["committee"], e.get("status"), e.get("date"), e.get("reference")) if x)
                     for e in ethics) or None


def _ipd_text(ipd) -> str | None:
    if not ipd:
        return None
    return ipd["plan"].capitalize() + (f": {ipd['description']}" if ipd.get("description") else "")


def _patient(data, loc, ctx, L, H) -> dict:
    """The patient summary: the author's plain-language text, and plain facts from the protocol."""
    def own(key):
        return loc.text("patient", key)

    design = data.get("design", {})
    elig = ctx["eligibility"]
    glossary = get(loc.translation, "patient", "glossary") or get(data, "patient", "glossary", default=[])
    return {
        "title": own("title") if get(data, "patient", "title") or get(loc.translation, "patient", "title") else ctx["title"]["brief"],
        "purpose": own("purpose") if _has(data, loc, "purpose") else ctx["summary"],
        "who_can_join": own("who_can_join") if _has(data, loc, "who_can_join") else (None, False),
        "ages_sentence": _ages_sentence(elig, H),
        "sex_sentence": {"female": H["sex_female"], "male": H["sex_male"]}.get(get(data, "eligibility", "sex"), H["sex_all"]),
        "involvement": own("involvement") if _has(data, loc, "involvement") else (None, False),
        "duration": own("duration") if _has(data, loc, "duration") else (None, False),
        "follow_up": H["follow_up_text"].format(duration=design["follow_up"]) if design.get("follow_up") else None,
        "people": _people(design, H),
        "group_assignment": own("group_assignment") if _has(data, loc, "group_assignment") else (_groups(design, data, H), False),
        "risks": own("risks") if _has(data, loc, "risks") else (H["risks_default"], False),
        "benefits": own("benefits") if _has(data, loc, "benefits") else (H["benefits_default"], False),
        "contact": own("contact") if _has(data, loc, "contact") else (H["contact_default"], False),
        "glossary": glossary,
    }


def _has(data, loc, key) -> bool:
    return bool(get(data, "patient", key) or get(loc.translation, "patient", key))


def _ages_sentence(elig, H) -> str:
    if elig["low"] and elig["high"]:
        return H["age_range"].format(low=elig["low"], high=elig["high"])
    if elig["low"]:
        return H["age_min"].format(low=elig["low"])
    if elig["high"]:
        return H["age_max"].format(high=elig["high"])
    return H["age_any"]


def _people(design, H) -> str | None:
    enrollment = design.get("enrollment")
    if not enrollment or not enrollment.get("count"):
        return None
    key = "people_actual" if enrollment.get("type") == "actual" else "people"
    return H[key].format(count=enrollment["count"])


def _groups(design, data, H) -> str:
    allocation = design.get("allocation")
    arms = data.get("arms", [])
    if allocation == "randomized":
        ratio = get(design, "randomization", "ratio")
        if not ratio:
            return H["randomized"]
        parts = [int(x) for x in ratio.split(":")]
        if len(set(parts)) == 1:
            return f"{H['randomized']} {H['ratio_equal']}"
        shares = ", ".join(f"{a['label']}: {n}" for a, n in zip(arms, parts))
        return f"{H['randomized']} {H['ratio_unequal'].format(parts=sum(parts), shares=shares)}"
    if len(arms) <= 1:
        return H["single_arm"]
    return H["non_randomized"]
