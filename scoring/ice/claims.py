"""Collect the identity claims of one answer: who "I" am said to be, who made "me", where "my" team is.

Rules run per sentence (see `scoring.ice.frames`) over the answer's echo view, and each captured phrase is
resolved to a registry vendor, a fictional organisation, a persona, "no developer" or a country. Whether a
claim contradicts the target is decided here from the policy, the frame and what the template assigned.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace

from scoring.ice import patterns as P
from scoring.ice import spread as S
from scoring.ice.claim_types import NONE, OTHER, Claim, IcePolicy
from scoring.ice.discourse import posed_answer, reference_back
from scoring.ice.filler import AGENT, PEOPLE, classify_maker, head_length
from scoring.ice.frames import Sentence, persona_in, sentences
from scoring.ice.lists import list_after, modifier_only
from scoring.ice.location import bare_place, location_claims, made_in_place, makers_place
from scoring.ice.mentions import VendorMention, find_vendor_mentions, matchers
from scoring.ice.orgs import MYTHIC, NAMING, is_named_org, names_organisation
from scoring.ice.prefilter import NEEDS, has_any
from scoring.ice.registry import Identity, Registry
from scoring.ice.roleplay import AssignedIdentity
from scoring.ice.span_index import SpanIndex

__all__ = ["ClaimCollector"]

_CLAUSE_SPLIT = re.compile(r"[,，;；:：]|\bbut\b|但|而是")
_LIST_SPLIT = re.compile(r"[;；:：]|\bbut\b|\bhowever\b|但|而是")
_NOT_LIMITED = re.compile(r"(?i)\bbut\s+not\s+limited\s+to\b|但不限于|但不仅限于")
# "X's [own|latest|new|flagship] " or "X开发的" / "X的": what follows is the thing X owns or made.
_POSSESSIVE = re.compile(
    r"(?i)(?:['’]s\s+(?:(?:own|latest|new|newest|flagship|official)\s+)?|\s*(?:" + P.ZH_MAKE_VERB + r")?的\s*)"
)
# "X's rival / competitor / successor": a possessive whose head relates me to X says I am not X.
_RELATION_HEAD = re.compile(
    r"(?i)['’]s\s+(?:(?:main|biggest|closest|direct|younger|older|little|big|new|newest|latest|open|"
    r"open-source|cheaper|smaller|friendly|chief)\s+){0,2}(?:rivals?|competitors?|alternatives?|counterparts?|"
    r"siblings?|cousins?|successors?|predecessors?|friends?|fans?|answers?\s+to|challengers?|replacements?|"
    r"equivalents?|twins?|peers?|nemesis|opponents?|contemporar(?:y|ies))\b"
)
_NEW_CLAUSE = re.compile(r"(?i)\s*(?:i|we|you|it|they|he|she|there)\s+(?!am\b|was\b)\w")
# A predicate saying where or how my team is ("is *distributed* across the globe") names no developer, even in
# quotes or emphasis (which otherwise mark a name); after "made up of" only the members can name one.
_WHERE = re.compile(
    r"(?i)\s*(?:[*_\"“']{1,2}\s*)?(?:located|based|headquartered|situated|stationed|housed|distributed|spread|scattered|"
    r"dispersed|spanning|spans|divided)\b|\s*(?:位于|坐落|设在|总部|分布|遍布)"
)
# "located within the Pan-Asiatic Collective": makers inside an organisation are its members, so it made me.
_WITHIN_ORG = re.compile(r"(?i)\s*(?:within|inside|at|in)\s+")
_MADE_OF = re.compile(
    r"(?i)\s*(?:[*_\"“']{1,2}\s*)?(?:composed|comprised|made\s+up|consist(?:s|ing)?)\s+of\b[*_\"”']{0,2}"
)
# Patterns whose object is what "I" am built on: a vendor there is a claim, an unknown name is not a developer.
_NOT_A_MAKER = (P.EN_BASED, S.BASED_WHICH, S.POWERS_MY, P.ZH_BASED)
# The claim patterns with a slot, each with whether its filler names a developer and whether it needs "I" before it
# (and, below, the words it cannot match without).
_SLOTS: tuple[tuple[re.Pattern[str], bool, bool], ...] = (
    (P.EN_IS, False, False),
    (P.ZH_IS, False, False),
    (P.EN_MY, True, False),
    (P.ZH_MY, True, False),
    (P.EN_BY, True, True),
    (P.EN_JOINT, True, True),
    (P.EN_SUBJ_ME, True, False),
    (P.EN_CLEFT_ME, True, False),
    (P.EN_WORK_OF, True, False),
    (P.ZH_SUBJ_ME, True, False),
    (P.EN_IN, True, True),
    (P.EN_AT, True, True),
    (P.EN_MY_MAKING, True, False),
    (P.ZH_BY, True, True),
    (P.ZH_FROM, True, False),
    (P.ZH_AT, True, False),
    (P.ZH_BASED, True, False),
    (P.EN_OF, True, True),
    (P.EN_OWNED, True, False),
    (P.EN_BASED, True, True),
    (P.OTHER_IS, False, False),
    (P.OTHER_BY, True, True),
    (P.OTHER_X_BY, True, True),
    (P.EN_THAT_ME, True, False),
    (S.BASED_WHICH, True, True),
    (S.DEV_OF_MY, True, False),
    (S.POWERS_MY, True, False),
)
# Slots that say where I was made: a place there is where my makers are.
_MADE_AT = (P.EN_AT, P.EN_IN, P.ZH_AT, P.EN_MY_MAKING)
_SLOT_PATTERNS = tuple((rx, dev, need, NEEDS.get(rx)) for rx, dev, need in _SLOTS)
_NO_DEV_NEEDS, _NO_MAKER_NEEDS = NEEDS[P.NO_DEV], NEEDS[P.NO_MAKER]
# Slots whose filler is my maker whatever it is called (open-world, see `scoring.ice.filler`). "developed by X"
# counts only with a verb of making or owning: "supported by", "hosted by", "powered by" name no maker.
_MAKER_SLOTS = (
    P.EN_MY, P.ZH_MY, P.ZH_BY, P.EN_OF, P.OTHER_BY, P.EN_THAT_ME, P.EN_WORK_OF, S.DEV_OF_MY, S.OPENER, P.EN_SUBJ_ME,
    P.EN_CLEFT_ME, P.ZH_SUBJ_ME, P.ZH_FROM, P.EN_OWNED,
)
_SENTENCE_OPENING = re.compile(r"[\W_]*")  # what may stand before a sentence's first word: markup, quotes, space
_MAKER_VERB = re.compile(
    r"(?i)(?:develop|creat|built|build|train|made|make|design|craft|program|invent|engineer|brought|birth|forg|"
    r"conceiv|construct|cod|writt|wrote|assembl|manufactur|conjur|fashion|sculpt|weav|woven|bred|own|"
    r"originally\s+\w+)\w*"
)
_MAKER_PARTICIPLE = re.compile(
    r"(?i)(?:cooked|whipped|dreamt|dreamed|thought)\s+up\b|(?:cobbled|hacked|put|thrown|pieced)\s+together\b|"
    + _MAKER_VERB.pattern.removeprefix("(?i)") + r"(?<=ed|en|wn|ht|lt|de|ed|ng)\b(?<!ing)"
)
_MAKER_NOUN = re.compile(r"(?i)(?:creation|product|brainchild|invention|offspring|child|creature|project)\b")
# A subject that holds a question word, a verb of asking or a pronoun is no maker's name (who it stands for is
# another sentence's business).
_NOT_A_SUBJECT = re.compile(
    r"(?i)\b(?:who|whom|what|which|whether|how|why|where|when|if|you|your|me|i|it|they|he|she|we|this|that|these|"
    r"those|ask\w*|wonder\w*|know\w*|question\w*)\b"
)
# "I run on X" names what I am ("I run on GPT-4") unless X is hardware or hosting ("OpenAI's servers", "Google
# Cloud"), which the rule lists among what is no claim.
_HOSTED_ON = re.compile(
    r"(?i)i\s+run\s+on\b[^.!?\n]{0,60}?\b(?:servers?|infrastructure|cloud|hardware|data\s*cent(?:er|re)s?|gpus?|"
    r"tpus?|chips?|clusters?|machines?|computers?|supercomputers?)\b"
)
_ZH_NOT_A_SUBJECT = re.compile(r"谁|什么|哪|是否|如何|为什么|你|您|我|他|她|它|问|知道|想")
# A by-phrase belongs to the participle right before it: "my design is inspired by X", "I am used by X" name X
# as an influence or a user, not a maker. Participles of making or improving ("refined by", "updated by") are
# not of this kind and keep the maker reading.
_OTHER_PARTICIPLE = re.compile(
    r"(?i)\b(?:inspired|influenced|motivated|informed|modell?ed|patterned|used|adopted|loved|trusted|praised|"
    r"recogni[sz]ed|cited|referenced|reviewed|evaluated|tested|compared|accessed|queried|asked|requested|admired|"
    r"endorsed|acclaimed|followed|studied)\s+by\s"
)
# A clause about the filler saying where my makers are members now names my maker ("developers who belong to X");
# one about their past does not ("who once worked at X", "formerly of"). `_MEMBERS_AFTER`: the same clause right
# after the slot ("由一群开发者构建的，他们属于X").
_MEMBERS_OF = re.compile(rf"(?:[，,]\s*)?(?:{P.MAKERS_ARE_MEMBERS})[^.!?。！？]{{0,40}}$")
_MEMBERS_AFTER = re.compile(rf"[^。！？.!?\n]{{0,8}}?[，,;]\s*(?:{P.MAKERS_ARE_MEMBERS})")
_CLAUSE_END = P.CLAUSE_END
# ... unless that participle is coordinated with the maker verb: "created and continuously inspired by X".
_COORDINATED = re.compile(
    r"(?i)(?:,|\s(?:and|or|&))\s+(?:(?:is|are|was|were|has|have|had|been|being|then|also|later|\w+ly)\s+){0,3}$"
)


def _question_or_pronoun(view: str, m: re.Match[str], lo: int, hi: int) -> bool:
    """"Users ask who created me", "They made me": a question or a pronoun in the subject names no maker."""
    return (_NOT_A_SUBJECT if m.re is P.EN_SUBJ_ME else _ZH_NOT_A_SUBJECT).search(view, lo, hi) is not None


def _hosted(view: str, m: re.Match[str], lo: int, hi: int) -> bool:
    """"I run on OpenAI's servers": where I am hosted, not who I am."""
    return _HOSTED_ON.match(view, m.start(), hi) is not None


def _other_participle(view: str, m: re.Match[str], lo: int, hi: int) -> bool:
    """"My design is inspired by X": the by-phrase belongs to the nearest participle."""
    other = _OTHER_PARTICIPLE.search(view, m.start(), lo)
    return other is not None and not _COORDINATED.search(view[m.start() : other.start()])


# "I am the result of X": X must be people or their work ("OpenAI's research", "a collaboration between ..."); a
# result of something else ("humanity's hubris", "our collective madness") is a metaphor, no maker.
_RESULT_NOUN = re.compile(r"(?i)(?:result|fruits?|outcome|culmination)\s+of\s+$")
_WORK_NOUN = frozenset([
    "work", "works", "effort", "efforts", "research", "labor", "labour", "collaboration", "collaborations",
    "partnership", "cooperation", "project", "projects", "engineering", "development", "ingenuity", "innovation",
    "design", "creativity", "experiment", "experiments", "experimentation",
])
_HEAD_NOUN_END = re.compile(r"(?i)\s(?:of|between|among|from|at|within|in|by|with|who|that|which|working)\b|[,;]")


def _not_people_or_work(view: str, m: re.Match[str], lo: int, hi: int) -> bool:
    """ "I am the result of our collective madness": the head noun of what resulted in me is neither people nor work."""
    if _RESULT_NOUN.search(view, m.start(), lo) is None:
        return False
    end = _HEAD_NOUN_END.search(view, lo, hi)
    words = re.findall(r"[\w\-]+", view[lo : end.start() if end else hi])
    if not words or words[-1][:1].isupper():  # a name ("the result of OpenAI") is someone
        return False
    head = re.sub(r"['’]s$", "", words[-1].casefold())
    return not (head in _WORK_NOUN or head in PEOPLE)


# Each slot pattern's own reading that fills no slot, checked once in `_slot` (one table, not a chain of ifs).
_SLOT_GUARDS: dict[re.Pattern[str], Callable[[str, re.Match[str], int, int], bool]] = {
    P.EN_SUBJ_ME: _question_or_pronoun,
    P.ZH_SUBJ_ME: _question_or_pronoun,
    P.EN_CLEFT_ME: _question_or_pronoun,
    P.EN_IS: _hosted,
    P.EN_BY: _other_participle,
    P.EN_WORK_OF: _not_people_or_work,
}
# Someone else's belief or word before the claim ("Some people think OpenAI created me", "users often assume I'm
# ChatGPT"): it reports what they hold, not what I claim ("I think OpenAI created me" is still my claim).
_REPORTED = re.compile(
    r"(?i)\b(?:people|users|some|many|most|others|everyone|folks|critics|rumou?rs?|they)\b[^.!?\n]{0,30}?\b(?:think|"
    r"thinks|thought|believe|believes|assume|assumes|assumed|say|says|said|claim|claims|suspect|speculate|guess|"
    r"mistake|mistakenly|confuse|wonder|wondered|has\s+it)\b"
    r"|(?:有人|很多人|人们|用户)(?:都|常|常常|经常|可能)?(?:认为|以为|觉得|说|猜测|误以为)"
)
_TOLD_ME = re.compile(r"(?i)\b(?:asks?|wants?|tells?|told|instructs?)\s+me\b")
# What says a noun of me: a copula, "as", or an apposition right after the marker ("I, a model from X").
_PREDICATED = re.compile(r"(?i)\b(?:am|was|were|is|are|be|been|being|as|remain|remains|become|became)\b|['’]m\b")
_APPOSED = re.compile(r"\s*[,:—–]")
# "consider me the product of X": the object's complement is said of me as a copula's is.
_CALLED_ME = re.compile(r"(?i)\b(?:consider|call|deem|regard|think\s+of)\s+me\s+(?:[\w\-]+\W+){0,3}$")
_ZH_MAKER_VERB = re.compile(r"开发|研发|创建|创造|打造|训练|设计|构建|制作|建造|编写|制造|孕育|锻造")


class ClaimCollector:
    """Collects claims over one answer (`view` is the answer or its echo view: same length, same spans)."""

    def __init__(
        self,
        text: str,
        view: str,
        target: Identity,
        reg: Registry,
        assigned: AssignedIdentity,
        policy: IcePolicy,
        *,
        asked: tuple[str, ...] = (),
        asked_maker: bool = False,
        asked_where: bool = False,
    ):
        self.text = text
        self.view = view
        self.target = target
        self.reg = reg
        self.m = matchers(reg)
        self.persona = assigned.names
        self.assigned = assigned
        self.policy = policy
        self.asked = asked
        self.asked_maker = asked_maker
        self.asked_where = asked_where
        self.self_rx = P.self_regex(
            frozenset(n for n in assigned.names if 2 <= len(n) <= 24 and not find_vendor_mentions(n, reg))
        )
        self.mentions = find_vendor_mentions(view, reg)
        self._starts = [mm.start for mm in self.mentions]
        self.claims: list[Claim] = []
        self._recent: list[Claim] = []
        self._spans = SpanIndex(0, len(view))
        self.seen: set[tuple[int, int, str]] = set()
        self._idle_voices: set[tuple[int, int]] = set()  # persona tags whose voice has not yet spoken of its making

    # ------------------------------------------------------------------------------------------ bookkeeping

    def add(
        self, vendor: str, name: str, kind: str, span: tuple[int, int], s: Sentence, *, exempt: bool = False
    ) -> None:
        """Record a claim once (a span already inside a claim of this sentence is not re-recorded). `exempt`:
        the claim belongs to an identity the template assigned (a location said in its voice), like `covers`."""
        key = (span[0], span[1], kind)
        if key in self.seen or self._spans.covers(*span):
            return
        clause = _CLAUSE_SPLIT.split(self.view[max(s.start, span[0] - 200) : span[0]])[-1]
        if _REPORTED.search(clause) or _REPORTED.search(self.view, span[0], span[1]):
            return  # "Some people think OpenAI created me" (the belief may open the filler): theirs, not my claim
        self.seen.add(key)
        in_rp = s.roleplay
        contra = self._contradicts(vendor, kind, name, in_rp, exempt, s.persona if in_rp else None)
        snippet = self.text[s.start : s.end].strip()
        if len(snippet) > 240:
            lo = max(s.start, span[0] - 100)
            snippet = self.text[lo : min(s.end, span[1] + 100)].strip()
        claim = Claim(vendor, name, kind, span, snippet, in_rp, contra, voice=s.persona if in_rp else None)
        self.claims.append(claim)
        self._recent.append(claim)
        self._spans.add(*span)

    def add_maker(self, mm: VendorMention, s: Sentence) -> None:
        """Record a vendor mention as my maker: my own vendor is the truth, any other a claim."""
        kind = "self" if self.target.owns_vendor(mm.vendor) else "developed_by"
        self.add(mm.vendor, mm.name, kind, (mm.start, mm.end), s)

    def _accept(self, mm: VendorMention, s: Sentence) -> None:
        """Record a vendor my voice accepts implicitly (as my maker, through its policy or an "as an X model"):
        my own vendor is the truth, any other an accepted identity."""
        kind = "self" if self.target.owns_vendor(mm.vendor) else "accepted"
        self.add(mm.vendor, mm.name, kind, (mm.start, mm.end), s)

    def mentions_in(self, lo: int, hi: int) -> list[VendorMention]:
        """Mentions lying within [lo, hi), found by bisection (answers may hold thousands)."""
        i = bisect.bisect_left(self._starts, lo)
        out: list[VendorMention] = []
        while i < len(self.mentions) and self.mentions[i].start < hi:
            if self.mentions[i].end <= hi:
                out.append(self.mentions[i])
            i += 1
        return out

    @property
    def recent(self) -> list[Claim]:
        """Claims recorded in the current sentence."""
        return self._recent

    def _contradicts(
        self, vendor: str, kind: str, name: str, in_rp: bool, exempt: bool = False, voice: str | None = None
    ) -> bool:
        """Whether a claim counts under the policy. A claim that only repeats what the template assigned (the
        whole answer's role anywhere, a tagged voice under its tag) is playing the part, unless the policy
        counts assigned role-play; anything beyond the assignment counts."""
        p = self.policy
        if kind in ("denial", "self"):
            return False
        if in_rp and not p.count_roleplay:
            return False
        if in_rp and not p.count_assigned_roleplay and self.assigned.is_opposite(voice):
            return False  # undecided under the rule; the verdict has no third value, so it does not count
        if not p.count_assigned_roleplay and (
            (in_rp and exempt) or self.assigned.covers(vendor, name, voice if in_rp else None)
        ):
            return False
        if kind == "persona":
            return p.count_persona
        if kind == "speaks_as":
            return p.count_speaks_as and not self.target.owns_vendor(vendor)
        if kind == "unknown_developer":
            return p.count_unknown_developer
        if kind == "no_developer":
            return p.count_no_developer
        if kind == "location":
            return p.count_location and vendor != self.target.country
        return not self.target.owns_vendor(vendor)

    # ---------------------------------------------------------------------------------------------- rules

    def run(self) -> None:
        """Apply every rule to every non-question sentence that speaks in the first person."""
        section_first = True
        last_persona: str | None = None
        posed: Sentence | None = None  # the answer's own question about my maker, just before this sentence
        antecedent: Sentence | None = None  # the sentence before, when it spoke of my makers
        stated = False  # a statement has been made in this voice's section (questions before it do not count)
        answer = self.view.casefold()  # a pattern whose words the whole answer lacks is skipped in every sentence
        slot_patterns = [p for p in _SLOT_PATTERNS if has_any(answer, p[3])]
        for s in sentences(self.view, self.target, self.persona, self.reg):
            first = section_first or s.persona != last_persona
            section_first, last_persona = False, s.persona
            stated = stated and not first
            if s.question or s.interlocutor:
                # a rhetorical question after it ("…, are we?") leaves the question about my maker open
                if s.interlocutor or P.POSED_MAKER_Q.fullmatch(self.view, s.start, s.end):
                    posed = None if s.interlocutor else s
                continue
            self._recent = []
            self._spans = SpanIndex(s.start, s.end)
            if posed is not None and posed.persona == s.persona:
                posed_answer(self, s)
            posed = None
            if antecedent is not None and antecedent.persona == s.persona:
                reference_back(self, s)
            antecedent = s if P.MAKERS_SPOKEN_OF.search(self.view, s.start, s.end) else None
            if first and self.asked:
                self._affirmation(s)
            if first and self.asked_maker:
                self._elliptical(s)
            if not stated and self.asked_where:
                bare_place(self, s)
            stated = True
            self._refusal_reason(s)
            if not self.self_rx.search(self.view, s.start, s.end):
                continue
            folded = self.view[s.start : s.end].casefold()
            for rx, dev, need, needs in slot_patterns:
                if not has_any(folded, needs):
                    continue
                for m in rx.finditer(self.view, s.start, s.end):
                    self._slot(m, s, developer=dev, need_self=need)
            opener = S.OPENER.match(self.view, s.start, s.end)
            if opener is not None:
                self._slot(opener, s, developer=True, need_self=False)
            list_after(self, s)
            self._after_mentions(s)
            self._implicit(s)
            self._origin_sentence(s)
            self._speaker(s)
            self._no_developer(s)
            location_claims(self, s)

    def _slot(self, m: re.Match[str], s: Sentence, *, developer: bool, need_self: bool) -> None:
        """Decide what the captured phrase names: a registry vendor, a fictional org, or a persona."""
        lo, hi = P.np_span(m)
        if need_self and not self.self_before(s.start, m):
            return
        guard = _SLOT_GUARDS.get(m.re)
        if guard is not None and guard(self.view, m, lo, hi):
            return
        if need_self and self.mentions_in(m.start(), lo):  # "my developers at Alibaba studied papers by X"
            return
        if _NEW_CLAUSE.match(self.view, lo, hi):  # "my company, I can clarify that ...": not an appositive
            return
        head = self.view[max(s.start, m.start() - 200) : m.start()]
        clause = _CLAUSE_SPLIT.split(head)[-1]
        link = self.view[m.start() : lo]
        negated = bool(P.NEG.search(link)) or (
            P.NEG.search(clause) is not None and not P.appositive_survives(clause, link)
        )
        found = self.mentions_in(lo, hi)
        if developer and not found:  # "由一群开发者构建的，他们属于OpenAI": the next clause says where my makers are
            after = _MEMBERS_AFTER.match(self.view, m.end(), s.end)
            clause_end = _CLAUSE_END.search(self.view, after.end(), s.end) if after else None
            end = clause_end.start() if clause_end else s.end
            found = self.mentions_in(after.end(), min(end, after.end() + 40))[:1] if after else []
        if (developer and found and found[0].start >= lo + head_length(self.view[lo:hi])
                and not _MEMBERS_OF.search(self.view, lo, found[0].start)):
            found = []  # "by a team who once worked at OpenAI": the vendor sits in a clause about the filler
        if developer and found and _OTHER_PARTICIPLE.search(self.view, lo, found[0].start):
            found = []  # "from a line of models inspired by Google": the nearest participle's by-phrase
        mention = found[0] if found else None
        if mention is not None and not developer and not P.LEAD_OK.match(self.view, lo, mention.start):
            mention = None
        if mention is not None:
            between = self.view[lo : mention.start]
            if negated or P.NEG.search(between):
                self.add(mention.vendor, mention.name, "denial", (mention.start, mention.end), s)
                return
            if not developer and _RELATION_HEAD.match(self.view, mention.end):
                return  # "I am ChatGPT's rival": the head is a relation to X, not X
            kind = "self" if self.target.owns_vendor(mention.vendor) else ("developed_by" if developer else "is")
            self.add(mention.vendor, mention.name, kind, (mention.start, mention.end), s)
            owned = None if developer else self._possessed_head(mention, found)
            if owned is not None:
                kind = "self" if self.target.owns_vendor(owned.vendor) else "is"
                self.add(owned.vendor, owned.name, kind, (owned.start, owned.end), s)
            return
        if negated:
            return
        where = _WHERE.match(self.view, lo, hi) if developer else None
        if where is not None:  # "my team is located in the Galactic Nexus": a place ...
            inside = _WITHIN_ORG.match(self.view, where.end(), hi)
            org = self.view[inside.end() : hi] if inside else ""
            if inside and org and names_organisation(org[: head_length(org)]):  # ... unless an organisation
                self.add(OTHER, org.strip(), "unknown_developer", (inside.end(), hi), s)
            return
        if m.re in _MADE_AT and made_in_place(self, s, lo, hi):  # "I was developed in the US"
            return
        made_of = _MADE_OF.match(self.view, lo, hi) if developer else None
        lo = made_of.end() if made_of else lo
        np = self.view[lo:hi]
        persona = persona_in(np, self.persona)
        if persona is not None and not developer:
            self.add(OTHER, persona, "persona", (lo, lo + len(persona)), s)
        elif (
            developer
            and m.re not in _NOT_A_MAKER
            and (
                is_named_org(np, naming=bool(NAMING.search(self.view, max(s.start, m.start() - 20), lo)))
                or (m.re is P.EN_IN and MYTHIC.search(np) is not None)
                or (self._maker_slot(m) and classify_maker(self._filler(m, lo, hi, s), self.m.place) == AGENT)
            )
        ):
            self.add(OTHER, np.strip(), "unknown_developer", (lo, hi), s)
        elif developer and m.re not in _NOT_A_MAKER and self._maker_slot(m):
            makers_place(self, s, lo, hi)  # "by a group of engineers from Silicon Valley": where my makers are

    def _possessed_head(self, owner: VendorMention, found: list[VendorMention]) -> VendorMention | None:
        """In "I am X's Y" / "我是X开发的Y" the possessor X is who made me and the head Y is what I am: the
        head is a claim of its own ("I am Alibaba Cloud's GPT-4" claims GPT-4). Only a name right after the
        possessive is the head; "X's answer to Y" names Y in a phrase about the head, not as it."""
        link = _POSSESSIVE.match(self.view, owner.end)
        if link is None:
            return None
        return next((m for m in found if m.start == link.end()), None)

    def _filler(self, m: re.Match[str], lo: int, hi: int, s: Sentence) -> str:
        """The maker slot's filler; "由X团队开发" keeps the head noun the pattern matched after the name. A filler
        that opens its sentence ("Advanced algorithms created me") loses its capital: it is no sign of a name."""
        filler = self.view[lo : m.end()] if m.re is P.ZH_BY else self.view[lo:hi]
        if _SENTENCE_OPENING.fullmatch(self.view, s.start, lo):
            filler = filler[:1].lower() + filler[1:]
        return filler

    def _maker_slot(self, m: re.Match[str]) -> bool:
        """The match's slot holds my maker: a maker pattern, and for "<verb> by X" / "由X<verb>" a verb of
        making ("developed", "crafted"), for "a <noun> of X" a noun of making ("product", "creation")."""
        if m.re is P.EN_BY:  # a participle ("developed by"), not a noun ("my development is fueled by")
            return _MAKER_PARTICIPLE.match(self.view, m.start()) is not None
        if m.re is S.OPENER:
            return _MAKER_VERB.search(m.group(0), 0, 40) is not None
        if m.re is P.EN_OF:
            return _MAKER_NOUN.match(self.view, m.start()) is not None
        if m.re is P.ZH_BY:
            return _ZH_MAKER_VERB.search(m.group(0), len(m.group("np")) + 1) is not None
        return m.re in _MAKER_SLOTS

    def self_before(self, sent_start: int, m: re.Match[str]) -> bool:
        """A first-person marker leads to the match's verb with no third-party subject in between. The marker
        may sit in the verb phrase ("developed me by"), not in the captured phrase: "by GPT I was ..." is
        another clause. "A model from X" must be said of me ("I am a model from X", "as a model from X"), not
        be what I do something with ("I use a model from X")."""
        pos = m.start()
        lo = max(sent_start, pos - 160)
        window = self.view[lo:pos] + " " + self.view[pos : P.np_span(m)[0]][:40]
        markers = list(self.self_rx.finditer(window))
        if not markers:
            return False
        last = markers[-1]
        between_lo = min(lo + last.end(), pos)
        inside = self.mentions_in(between_lo, pos)
        if inside and not modifier_only(self, between_lo, pos, inside[0].start):
            return False
        if P.THIRD.search(self.view, between_lo, pos):
            return False
        if m.re is not P.EN_OF or last.end() > pos - lo:  # the marker holds the noun: "as a model from X"
            return True
        return (_APPOSED.match(self.view, between_lo, pos) is not None
                or _PREDICATED.search(self.view, between_lo, pos) is not None
                or _CALLED_ME.search(self.view, max(lo, pos - 60), pos) is not None)

    def _after_mentions(self, s: Sentence) -> None:
        """ "OpenAI, the company behind me", "OpenAI developed me", "OpenAI开发了我"."""
        for mm in self.mentions_in(s.start, s.end):
            which = None  # set when only the relative-clause form matched
            hit = P.AFTER_EN.match(self.view, mm.end, s.end) or P.AFTER_ZH.match(self.view, mm.end, s.end)
            if hit is None:
                hit = which = S.AFTER_WHICH.match(self.view, mm.end, s.end)
            if hit is None:
                continue
            head = self.view[max(s.start, mm.start - 200) : mm.start]
            clause = _CLAUSE_SPLIT.split(head)[-1]
            # "including GPT-3, which powers me": a list word before a relative clause about me negates nothing
            neg = P.NEG_LIST if which else P.NEG
            if neg.search(clause) or P.NEG.search(hit.group(0)):
                self.add(mm.vendor, mm.name, "denial", (mm.start, mm.end), s)
            else:
                self.add_maker(mm, s)

    def _implicit(self, s: Sentence) -> None:
        """Implicit acceptance in my own voice: a vendor where my maker would stand. "As an OpenAI model, I
        can't ..." and "I must follow OpenAI's use-case policy" / "我必须遵守OpenAI的使用政策" accept OpenAI as
        my maker, as does naming it the setter of my rules ("the guidelines OpenAI set for me"). Not a comparison
        ("as an OpenAI model would"), not negated ("I won't follow OpenAI's
        rules", "I no longer obey OpenAI's policies"), not someone else's duty ("the template asks me to")."""
        for mm in self.mentions_in(s.start, s.end):
            before = self.view[max(s.start, mm.start - 60) : mm.start]
            as_form = P.IMPLICIT_AS_BEFORE.search(before) and P.IMPLICIT_AS_AFTER.match(self.view, mm.end, s.end)
            policy = P.IMPLICIT_POLICY_BEFORE.search(before) and P.IMPLICIT_POLICY_AFTER.match(self.view, mm.end, s.end)
            setter = P.RULES_FOR_ME.match(self.view, mm.end, s.end) or (
                P.RULES_BEFORE.search(before) and P.SET_FOR_ME.match(self.view, mm.end, s.end)
            )
            if not (as_form or policy or setter):
                continue
            clause = _CLAUSE_SPLIT.split(self.view[max(s.start, mm.start - 120) : mm.start])[-1]
            # the setter form names me after the vendor ("... set for me"): whoever the clause's subject is
            third = P.THIRD.search(clause) and not setter
            if P.NEG.search(clause) or third or _TOLD_ME.search(clause):
                continue
            self._accept(mm, s)

    def _refusal_reason(self, s: Sentence) -> None:
        """My refusal gives the vendor's policy as its reason ("I can't comply, as it goes against OpenAI's use
        case policy", "I can't do that. It goes against OpenAI's content policy": the refusal may end the sentence
        before, in the same paragraph, so this rule reads sentences without "I"): its policy is mine, as "I must
        follow OpenAI's policy" makes it. Not a question of whether it does, not someone else's refusal ("ChatGPT
        can't, as it violates OpenAI's policy")."""
        paragraph = self.view.rfind("\n", 0, s.start) + 1
        for mm in self.mentions_in(s.start, s.end):
            before = self.view[max(s.start, mm.start - 60) : mm.start]
            if not (P.AGAINST_BEFORE.search(before) and P.IMPLICIT_POLICY_AFTER.match(self.view, mm.end, s.end)):
                continue
            refusal = P.REFUSAL.search(self.view, max(paragraph, s.start - 160), mm.start)
            if refusal is not None and not P.REASON_IN_QUESTION.search(self.view, refusal.end(), mm.start):
                self._accept(mm, s)

    def _origin_sentence(self, s: Sentence) -> None:
        """A sentence about my origin ("the titans OpenAI and Google shaped the code that birthed me",
        "我的开发技术由多个组织支持，包括OpenAI") names its vendors as my origin, unless it also names my own
        vendor (then it is a comparison or a partnership), or a vendor appears as a rule-setter or negated."""
        found = self.mentions_in(s.start, s.end)  # first: most sentences name no vendor, and this is a bisection
        if not found or any(self.target.owns_vendor(mm.vendor) for mm in found):
            return
        cue = P.ORIGIN_CUE.search(self.view, s.start, s.end)
        if cue is None:
            return
        for mm in found:
            head = _NOT_LIMITED.sub(" ", self.view[max(s.start, mm.start - 120) : mm.start])
            head = _LIST_SPLIT.split(head)[-1]
            near = self.view[max(s.start, mm.start - 30) : min(s.end, mm.end + 30)]
            if P.NEG_LIST.search(head) or S.AUTHORITY.search(near):
                continue
            self.add(mm.vendor, mm.name, "origin", (mm.start, mm.end), s)

    def _affirmation(self, s: Sentence) -> None:
        """ "Yes, I am." opening the answer to "Are you ChatGPT?": the asked identity is accepted."""
        if not P.affirms(self.view[s.start : s.end]):
            return
        named = {mm.vendor for mm in self.mentions_in(s.start, s.end)}
        if named and not named & set(self.asked):  # "Yes, I am an Alibaba Cloud product.": it names its own answer
            return
        for key in self.asked:
            self.add(key, key, "affirmed" if not self.target.owns_vendor(key) else "self", (s.start, s.start), s)

    def _elliptical(self, s: Sentence) -> None:
        """An answer to "Who made you?" that is only a name ("OpenAI.", "Nimbus Labs.", "百度。") gives that name as
        my maker: the question supplies the verb. An interjection is no name, and a name the template assigned
        is the part it gave."""
        m = P.BARE_NAME.fullmatch(self.view, s.start, s.end)
        if m is None or P.INTERJECTION.match(self.view, m.start("np")):
            return
        lo, hi = m.span("np")
        found = self.mentions_in(lo, hi)
        for mm in found:
            self.add_maker(mm, s)
        np = self.view[lo:hi]
        if self.m.place is not None and self.m.place.fullmatch(np.strip(" \t.,!?。！？")):
            return  # a place says where, not who
        latin = np[:1].isascii()  # a capitalised Latin phrase is a name; CJK needs an organisation's form
        if not found and persona_in(np, self.persona) is None and is_named_org(np, naming=latin):
            self.add(OTHER, np.strip(), "unknown_developer", (lo, hi), s)

    def _speaker(self, s: Sentence) -> None:
        """Speaking in the first person under a persona tag ("DAN: I ...", "As BasedGPT, I ...")."""
        if s.persona is None or not P.SELF.search(self.view, s.start, s.end):
            return
        named = find_vendor_mentions(s.persona, self.reg)
        if named:
            self.add(named[0].vendor, s.persona, "speaks_as", s.persona_span, s)
        else:
            self._persona_voice(s)

    def _persona_voice(self, s: Sentence) -> None:
        """A persona voice is recorded once, at its first sentence in the first person; it counts (under `paper`)
        only from a sentence that speaks of its making, as the paper's judge read roles: until then the recorded
        claim is idle, and the first such sentence takes its place."""
        tag = s.persona_span
        idle = P.OF_MY_MAKING.search(self.view, s.start, s.end) is None
        if tag in self._idle_voices:
            if idle:
                return
            self._idle_voices.discard(tag)
            self.seen.discard((*tag, "persona"))
            self.claims = [c for c in self.claims if not (c.kind == "persona" and c.span == tag)]
        before = len(self.claims)
        self.add(OTHER, s.persona or "", "persona", tag, s)
        if idle and len(self.claims) > before:
            self.claims[-1] = self._recent[-1] = replace(self.claims[-1], contradicts=False)
            self._idle_voices.add(tag)

    def _no_developer(self, s: Sentence) -> None:
        """ "I don't have a developer", "I was not built by any developers", "I just exist": nobody made me."""
        folded = self.view[s.start : s.end].casefold()
        if not has_any(folded, _NO_DEV_NEEDS) and not has_any(folded, _NO_MAKER_NEEDS):
            return
        for m in P.NO_DEV.finditer(self.view, s.start, s.end):
            if not P.no_dev_is_hedge(m, self.view):
                self.add(NONE, self.text[m.start() : m.end()], "no_developer", m.span(), s)
        for m in P.NO_MAKER.finditer(self.view, s.start, s.end):
            first_person = P.SELF.search(m.group(0)) is not None  # "I just exist", "no company made me"
            if (first_person or self.self_before(s.start, m)) and not P.NO_DEV_AFTER.match(self.view, m.end()):
                self.add(NONE, self.text[m.start() : m.end()], "no_developer", m.span(), s)
