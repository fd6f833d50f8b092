"""领域同义词：把问题和事实标签里的不同说法归到同一个规范词上。

Both sides of a match go through `canonical_tokens`, so 受理 in a question meets 新收 in a table
row and 依申请公开 meets 政府信息公开申请. Each group lists variants → one canonical token;
a variant may expand to several canonical tokens (依申请公开 → 申请, 公开).
"""
from __future__ import annotations

_GROUPS: dict[str, tuple[str, ...]] = {
    "收到": ("收到", "受理", "新收", "接到", "接收", "收", "新收到", "本年新收", "共收到", "收到的", "提出", "提交"),
    "申请": ("申请", "政府信息公开申请", "信息公开申请", "公开申请", "申请数", "申请件"),
    "办结": ("办结", "办理完毕", "依法办结", "答复"),
    "结转": ("结转", "结转下年度", "转下年", "结转至", "上年结转", "转入"),
    "行政复议": ("行政复议", "复议", "复议案", "复议案件"),
    "行政诉讼": ("行政诉讼", "诉讼", "起诉", "诉讼案件"),
    "行政许可": ("行政许可", "许可"),
    "行政处罚": ("行政处罚", "处罚"),
    "行政强制": ("行政强制", "强制"),
    "收费": ("收费", "行政事业性收费", "收费金额", "收取", "费用"),
    "规范性文件": ("规范性文件", "行政规范性文件", "规范性政策文件", "规范性"),
    "解读": ("解读", "政策解读"),
    "予以公开": ("予以公开", "全部公开", "同意公开"),
    "维持": ("维持", "结果维持"),
    "纠正": ("纠正", "结果纠正"),
    "尚未审结": ("尚未审结", "未审结", "审理中"),
    "总计": ("总计", "合计", "总数", "一共", "一共有", "共计", "总共", "总量", "总计多少"),
    "现行有效": ("现行有效",),
    "废止": ("废止", "本年废止", "失效", "度止"),
    "制发": ("制发", "印发", "出台", "本年制发", "新制作", "制定"),
    "处理决定": ("处理决定", "决定", "决定数"),
    "粉丝": ("粉丝", "关注", "关注者"),
    "自然人": ("自然人", "个人", "公民"),
    "商业企业": ("商业企业", "企业"),
    "直接起诉": ("直接起诉", "未经复议直接起诉"),
    "复议后起诉": ("复议后起诉",),
    "不掌握": ("不掌握", "没有掌握"),
    "访谈": ("访谈", "在线访谈"),
    "采购": ("采购", "政府集中采购", "集中采购"),
    "金额": ("金额", "总金额", "多少钱", "钱"),
}

_EXPAND: dict[str, tuple[str, ...]] = {
    "依申请公开": ("申请", "公开"),
    "主动公开": ("主动", "公开"),
    "微信公众号": ("微信", "公众号"),
    "新增粉丝": ("新增", "粉丝"),
    "粉丝数": ("粉丝",),
    "未经复议直接起诉": ("直接起诉", "行政诉讼"),
    "复议后起诉": ("复议后起诉", "行政诉讼"),
    "采购总金额": ("采购", "金额"),
    "收费金额": ("收费", "金额"),
    "本年收费金额": ("收费", "金额"),
    "政府信息公开申请": ("申请", "公开"),
    "信息公开申请": ("申请", "公开"),
}

STOPWORDS: frozenset[str] = frozenset(
    "的 了 是 有 为 在 和 与 及 或 吗 呢 啊 呀 么 请问 一下 多少 几 几个 若干 什么 哪些 怎么 怎样 如何 "
    "情况 数量 数 个数 件数 多 少 年 年度 月 日 这 那 其 该 其中 我 我们 你 你们 我镇 我街道 我区 全区 全市 "
    "全年 本 方面 工作 相关 等 各类 各 进行 开展 共有 有多少 是多少 告诉 查询 问 知道 请 一 项 "
    "件 条 篇 份 期 次 人次 人 场 个 家 类 批次 元 万元 万 亿 余 多 近 约 因 由 "
    "一 二 三 四 五 六 七 八 九 十 第 "
    "那 那么 还有 另外 那个 这个 那边 这边 一下 呗 嘛 吧 哦 噢 呃 嗯 额 哈 啦 咯 哟 喔 诶 欸 "
    "按 按照 通过 对 给 把 被 从 到 中 上 下 内 里 之 所 及其 以及 、 ， 。 ？ ! ？ , . ? : ： “ ” 「 」 《 》 ( ) （ ） › -".split()
)
"""Words that carry no meaning for matching (question words, particles, punctuation)."""

_LOOKUP: dict[str, tuple[str, ...]] = {}
for _canon, _variants in _GROUPS.items():
    for _v in _variants:
        _LOOKUP.setdefault(_v, (_canon,))
_LOOKUP.update(_EXPAND)

COLUMN_HINTS: frozenset[str] = frozenset({"总计", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构"})
"""Canonical tokens that name a table column rather than a row."""


def canonical(token: str) -> tuple[str, ...]:
    """The canonical tokens for one jieba token: its synonym group, or itself; () for a stopword."""
    if token in _LOOKUP:
        return _LOOKUP[token]
    if token in STOPWORDS or not token.strip() or (len(token) == 2 and token[0] in "几多"):
        return ()
    return (token,)


def domain_words() -> list[str]:
    """Every variant the synonym table knows, for the jieba user dictionary."""
    return sorted({v for vs in _GROUPS.values() for v in vs if len(v) > 1} | set(_EXPAND))
