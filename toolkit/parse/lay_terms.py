"""Medical terms a lay reader will not know, with a plain explanation in English and Chinese.

Hand-curated for this toolkit (no consumer-health vocabulary with lay definitions is available
as an offline package; UMLS and its Consumer Health Vocabulary need a licence and a network
service). The explanations are written here in the style of the U.S. National Cancer
Institute's Dictionary of Cancer Terms and of plain-language guidance: one short sentence,
everyday words, no other jargon. The terms are those of phase II oncology protocols, which
this toolkit's users mostly write. Add a term with its pattern in each language; the tests
check that every entry has both explanations and matches its own examples.

`find(text)` returns the entries whose English or Chinese pattern occurs in the text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LayTerm:
    key: str
    en: str  # the term as shown in an English glossary
    zh: str  # the term as shown in a Chinese glossary
    pattern_en: str  # regular expression, matched case-insensitively on word boundaries
    pattern_zh: str  # regular expression, matched as is
    explain_en: str
    explain_zh: str
    common: bool = False  # known to most patients: explained in the glossary, not reported as jargon


_TERMS = [
    ("pfs", "Progression-free survival (PFS)", "无进展生存期", r"progression[- ]free survival|(?-i:PFS)", r"无进展生存",
     "How long people live without their cancer growing or spreading.",
     "患者活着且癌症没有长大或扩散的时间。"),
    ("os", "Overall survival (OS)", "总生存期", r"overall survival", r"总生存",
     "How long people live after the start of treatment, whatever the cause of death.",
     "从开始治疗到死亡（无论何种原因）的时间。"),
    ("rfs", "Recurrence-free survival", "无复发生存期", r"recurrence[- ]free survival|relapse[- ]free survival|(?-i:RFS)",
     r"无复发生存", "How long people live without the cancer coming back.", "患者活着且癌症没有复发的时间。"),
    ("ecog", "ECOG performance status", "ECOG体能状态评分", r"ECOG(?: performance status)?|performance status",
     r"体能状态|ECOG", "A score from 0 to 5 of how well a person can do daily activities; 0 means fully active.",
     "用0到5分表示一个人日常活动能力的评分；0分表示完全正常活动。"),
    ("recist", "RECIST", "RECIST标准", r"RECIST", r"RECIST",
     "Rules doctors use to measure on scans whether a tumour has shrunk, stayed the same or grown.",
     "医生根据影像检查判断肿瘤是缩小、不变还是长大的规则。"),
    ("adjuvant", "Adjuvant treatment", "辅助治疗", r"adjuvant", r"(?<!新)辅助(?:治疗|放疗|化疗|放化疗)",
     "Treatment given after the main treatment (often surgery) to lower the chance of the cancer coming back.",
     "在主要治疗（通常是手术）之后进行的治疗，用来降低癌症复发的机会。"),
    ("neoadjuvant", "Neoadjuvant treatment", "新辅助治疗", r"neo-?adjuvant", r"新辅助",
     "Treatment given before the main treatment (often surgery) to shrink the tumour first.",
     "在主要治疗（通常是手术）之前进行的治疗，先让肿瘤缩小。"),
    ("hepatectomy", "Hepatectomy", "肝切除术", r"hepatectomy|liver resection", r"肝切除",
     "An operation to remove part of the liver.", "切除部分肝脏的手术。"),
    ("child_pugh", "Child-Pugh score", "Child-Pugh评分", r"Child[- ]Pugh", r"Child[- ]Pugh",
     "A score of how well the liver works, from A (works well) to C (works poorly).",
     "评价肝脏功能好坏的评分，从A级（较好）到C级（较差）。"),
    ("cholangiocarcinoma", "Cholangiocarcinoma", "胆管癌", r"cholangiocarcinoma", r"胆管癌",
     "Cancer of the bile ducts, the small tubes that carry bile from the liver.",
     "胆管（把胆汁从肝脏运出的细小管道）的癌症。"),
    ("intrahepatic", "Intrahepatic", "肝内", r"intrahepatic", r"肝内",
     "Inside the liver.", "在肝脏里面。"),
    ("hcc", "Hepatocellular carcinoma (HCC)", "肝细胞癌", r"hepatocellular carcinoma|(?-i:HCC)", r"肝细胞癌",
     "The most common kind of liver cancer, starting in the main cells of the liver.",
     "最常见的一种肝癌，起源于肝脏的主要细胞。"),
    ("oligoprogression", "Oligoprogression", "寡进展", r"oligo-?progress\w*", r"寡进展",
     "When cancer grows in only a few places while the rest stays under control.",
     "癌症只在少数几个地方长大，其他地方仍然得到控制。"),
    ("line_of_therapy", "First-line / second-line therapy", "一线/二线治疗",
     r"(?:first|second|third)[- ]line(?: systemic)? (?:therapy|treatment)|(?-i:FLST|SLST)",
     r"[一二三]线(?:全身)?治疗", "First-line therapy is the first treatment given; second-line is the next one, "
     "if the first stops working.", "一线治疗是最先使用的治疗；如果一线治疗不再有效，就换用二线治疗。"),
    ("systemic", "Systemic therapy", "全身治疗", r"systemic (?:therapy|treatment)", r"全身治疗",
     "Medicines that travel through the blood to reach cells all over the body.",
     "通过血液到达全身各处细胞的药物治疗。"),
    ("chemoradiotherapy", "Chemoradiotherapy", "放化疗", r"chemo-?radiotherapy|chemoradiation", r"放化疗",
     "Chemotherapy and radiotherapy given together.", "同时进行化疗和放疗。"),
    ("radiotherapy", "Radiotherapy", "放射治疗", r"radiotherapy|radiation therapy|irradiation", r"放射治疗|放疗",
     "Treatment with high-energy rays aimed at the cancer to kill cancer cells.",
     "用高能射线照射癌症部位、杀死癌细胞的治疗。"),
    ("imrt", "IMRT", "调强放疗", r"(?-i:IMRT)|intensity[- ]modulated radiation therapy", r"调强放疗|调强放射",
     "A precise kind of radiotherapy that shapes the rays to the tumour and spares the healthy tissue around it.",
     "一种精确的放疗，让射线贴合肿瘤形状，减少对周围正常组织的照射。"),
    ("sib", "Simultaneous integrated boost", "同步整合加量", r"simultaneous integrated boost|(?-i:SIB)", r"同步整合加量|同步加量",
     "Giving a higher radiotherapy dose to the area of highest risk in the same sessions.",
     "在同一次放疗中给风险最高的部位更高的剂量。"),
    ("bed", "Biologically effective dose", "生物有效剂量", r"biologically effective dose|(?-i:BED)", r"生物有效剂量",
     "A way of comparing radiotherapy doses given in different schedules.", "比较不同放疗方案剂量的一种计算方法。"),
    ("gray", "Gy (gray)", "Gy（戈瑞）", r"\d\s*Gy\b|\bgray\b", r"\d\s*Gy|戈瑞",
     "The unit for the amount of radiation the body receives.", "人体接受放射剂量的单位。"),
    ("pd1", "PD-1 inhibitor", "PD-1抑制剂", r"PD-?1(?: inhibitor| antibody)?|anti-PD-?1", r"PD-?1",
     "A kind of immunotherapy: a medicine that helps the body's immune system attack cancer.",
     "一种免疫治疗药物，帮助身体的免疫系统攻击癌细胞。"),
    ("metastasis", "Metastasis", "转移", r"metasta\w*", r"转移",
     "Cancer that has spread from where it started to another part of the body.", "癌症从原来的部位扩散到身体其他部位。"),
    ("lymph_node", "Lymph nodes", "淋巴结", r"lymph nodes?|nodal", r"淋巴结",
     "Small bean-shaped glands that help fight infection; cancer can spread to them.",
     "帮助抵抗感染的豆状小腺体；癌症可能扩散到这里。"),
    ("resection", "Resection / resection margin", "切除/切缘",
     r"resect\w*|(?-i:R0|R1)|(?:resection|surgical|narrow|positive|negative) margins?", r"切除|切缘",
     "Resection is removing tissue by surgery; the margin is the edge of the removed tissue, checked for cancer cells.",
     "切除是用手术取出组织；切缘是取出组织的边缘，医生会检查那里有没有癌细胞。"),
    ("pathology", "Pathology / histopathology", "病理", r"(?:histo)?patholog\w*", r"病理",
     "Looking at tissue under a microscope to find out what disease it has.", "在显微镜下检查组织，判断是什么疾病。"),
    ("biopsy", "Biopsy", "活检", r"biops\w*", r"活检|活组织检查",
     "Taking a small piece of tissue to look at under a microscope.", "取一小块组织在显微镜下检查。"),
    ("randomized", "Randomized", "随机", r"randomi[sz]\w*", r"随机",
     "Which group each person is in is decided by chance, like tossing a coin.", "每个人分到哪一组由随机决定，就像抛硬币。"),
    ("single_arm", "Single-arm study", "单臂研究", r"single[- ]arm", r"单臂",
     "A study in which everyone gets the same treatment; there is no comparison group.",
     "所有参加者接受同样治疗、没有对照组的研究。"),
    ("phase2", "Phase II trial", "II期试验", r"phase (?:II|2)\b", r"(?:II|2|二)期",
     "A study that checks whether a treatment works and how safe it is, in a small group of people.",
     "在较少的人中检验一种治疗是否有效、是否安全的研究。"),
    ("prospective", "Prospective study", "前瞻性研究", r"prospective", r"前瞻性",
     "A study that follows people forward in time from the start.", "从开始起向后跟踪参加者的研究。"),
    ("placebo", "Placebo", "安慰剂", r"placebo", r"安慰剂",
     "A look-alike treatment with no active medicine in it.", "外观相同但不含有效药物的“假药”。"),
    ("open_label", "Open-label", "开放标签", r"open[- ]label", r"开放标签|开放性",
     "Both the participants and the doctors know which treatment each person gets.", "参加者和医生都知道每个人接受的是哪种治疗。"),
    ("adverse_event", "Adverse event", "不良事件", r"adverse events?|(?-i:AEs?)", r"不良事件|不良反应",
     "A health problem that happens during the study, whether or not the treatment caused it.",
     "研究期间出现的健康问题，不论是否由治疗引起。"),
    ("toxicity", "Toxicity", "毒性", r"toxicit\w*", r"毒性|毒副作用", "Harmful side effects of a treatment.", "治疗带来的有害副作用。"),
    ("orr", "Objective response rate", "客观缓解率", r"(?:objective )?(?:response|remission) rate|(?-i:ORR)", r"客观缓解率|缓解率",
     "The share of people whose tumours shrink enough, or disappear, with treatment.", "治疗后肿瘤明显缩小或消失的人所占的比例。"),
    ("dcr", "Disease control rate", "疾病控制率", r"disease control rate|(?-i:DCR)", r"疾病控制率",
     "The share of people whose cancer shrinks or at least stops growing.", "癌症缩小或至少停止长大的人所占的比例。"),
    ("efficacy", "Efficacy", "疗效", r"efficacy", r"疗效",
     "How well a treatment works.", "治疗效果的好坏。"),
    ("informed_consent", "Informed consent", "知情同意", r"informed consent", r"知情同意",
     "Agreeing to take part after the study team has explained the study and answered your questions.",
     "研究团队向您解释研究并回答问题后，您同意参加。"),
    ("ascites", "Ascites", "腹水", r"ascites", r"腹水", "Fluid that builds up in the belly.", "腹腔内积聚的液体。"),
    ("chemotherapy", "Chemotherapy", "化疗", r"chemotherapy", r"化疗|化学治疗",
     "Medicines that kill cancer cells or stop them from growing.", "杀死癌细胞或阻止其生长的药物治疗。"),
]

# Words most patients know: the summary's glossary still explains them, PLS005 does not report them.
COMMON = {"radiotherapy", "chemotherapy", "randomized", "placebo", "biopsy", "metastasis", "lymph_node"}
LAY_TERMS = [LayTerm(*entry, common=entry[0] in COMMON) for entry in _TERMS]


@functools.lru_cache(maxsize=1)
def _compiled() -> list[tuple[LayTerm, re.Pattern, re.Pattern]]:
    return [(term, re.compile(rf"(?<![\w-])(?:{term.pattern_en})(?![\w-])", re.IGNORECASE), re.compile(term.pattern_zh))
            for term in LAY_TERMS]


def find(text: str | None) -> list[LayTerm]:
    """The terms the text uses, in the list's order."""
    if not text:
        return []
    return [term for term, english, chinese in _compiled() if english.search(text) or chinese.search(text)]


def name(term: LayTerm, lang: str) -> str:
    return term.zh if lang == "zh" else term.en


def explanation(term: LayTerm, lang: str) -> str:
    return term.explain_zh if lang == "zh" else term.explain_en
