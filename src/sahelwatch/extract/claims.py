"""Claims: who said what, and how firmly.

Three shapes are read: a reporting verb with its subject as speaker ("Kharief noted that ...", "This,
Kharief noted, represented ..."); an attribution phrase ("according to sources close to him, ...");
and unattributed hearsay marked by "reportedly" or "allegedly". The modality is the cue's own (hedged for
"suggest"), overridden by hedges ("may have", "likely") or hearsay markers inside the content.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from sahelwatch.extract.actors import display_name
from sahelwatch.extract.context import Context, Mention, clause, find_phrase
from sahelwatch.extract.coreference import latest_mention
from sahelwatch.french import is_hearsay_conditional, normalise_typography
from sahelwatch.kb.lexicon import actor_nouns, claim_cues
from sahelwatch.model import Claim, Event, Relation, stable_id

#: hedges with no one behind them: "is believed to", "appear to show", "was widely read as"
UNATTRIBUTED_HEDGE = re.compile(r"\b(?:(?:is|are|was|were)\s+(?:widely\s+|generally\s+)?(?:believed|thought|suspected|"
                                r"understood|presumed|estimated)\s+to|appears?\s+to|seems?\s+to|appeared\s+to|"
                                r"seemed\s+to|(?:(?:was|were|is|are)\s+)?widely\s+(?:read|seen|regarded|viewed)\s+as)\b",
                                re.IGNORECASE)
#: sentence openers that carry on the previous statement ("Instead, it emphasized that ...")
CONTINUATIONS = {"instead", "rather", "moreover", "furthermore", "additionally", "likewise", "similarly"}
SELF_ANNOUNCING = {"announce", "declare", "pledge", "vow", "promise"}
QUOTES = "\"“”«»"


def _speaker(ctx: Context, subj: Token) -> tuple[str | None, str]:
    """(actor key or None, speaker phrase with pronouns replaced by their referents)."""
    tokens = list(subj.subtree)
    start, end = tokens[0].i, tokens[-1].i + 1
    words = []
    key = None
    for t in ctx.doc[start:end]:
        words.append(t.text_with_ws)
    root_mention = ctx.mention_at(subj.i)
    partners = [m for c in subj.conjuncts if (m := ctx.mention_at(c.i)) is not None and m.key in ctx.kb.actors]
    if root_mention is not None and root_mention.key in ctx.kb.actors and partners:
        # "Chad and Mauritania said ...": a joint statement, named as the text names it
        names = [display_name(ctx, root_mention.key, root_mention.text)] + \
            [display_name(ctx, m.key, m.text) for m in partners]
        return root_mention.key, ", ".join(names[:-1]) + " and " + names[-1]
    text = "".join(words).strip().strip(",")
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    if root_mention is not None:
        key = root_mention.key
        if root_mention.via == "coref":
            desc = ctx.doc[root_mention.start:root_mention.end]
            if desc.root.pos_ == "NOUN" and desc.root.norm_ in claim_cues()["speaker_descriptions"]:
                # "the junta said ...": the ruling body as the text names it, not the government it stands for
                return key, re.sub(r"^(?:the|a|an)\s+", "", desc.text, flags=re.IGNORECASE)
            return key, _referent_text(ctx, root_mention)
        if key in ctx.kb.actors and not root_mention.speaker_only:
            return key, display_name(ctx, key, root_mention.text)
        if root_mention.via == "group":
            # "sources close to him": the whole phrase names the source
            return key, text if len(text.split()) <= 8 else root_mention.text
        return key, root_mention.text
    # "a JNIM spokesman", "the ECOWAS commissioner": someone speaking for an organisation named beside them
    if subj.lemma_.lower() in ROLE_NOUNS and root_mention is None:
        for c in subj.children:
            owner = ctx.mention_at(c.i) if c.dep_ in ("compound", "amod", "nmod", "poss") else None
            if owner is not None and owner.key in ctx.kb.actors:
                return owner.key, display_name(ctx, owner.key, owner.text)
    # "a statement by the group", "a video from JNIM": the author of the document speaks
    if subj.lemma_.lower() in DOCUMENT_NOUNS:
        for c in subj.children:
            if c.dep_ == "prep" and c.norm_ in ("by", "from", "of"):
                for p in c.children:
                    author = ctx.mention_at(p.i)
                    if author is not None:
                        text = display_name(ctx, author.key, author.text) if author.key in ctx.kb.actors else (
                            _referent_text(ctx, author) if author.via == "coref" else author.text)
                        return author.key, text
    # "its foreign ministry", "the group's spokesman": the possessor speaks
    for c in subj.children:
        if c.dep_ == "poss":
            owner = ctx.mention_at(c.i)
            if owner is not None and owner.key in ctx.kb.actors:
                return owner.key, display_name(ctx, owner.key, owner.text)
            if owner is not None:
                return owner.key, _referent_text(ctx, owner) if owner.via == "coref" else owner.text
    inner = ctx.mentions_in(start, end, include_speaker_only=True)
    if len(inner) == 1 and inner[0].speaker_only:
        key = inner[0].key
    if key is None and subj.pos_ == "PRON" and subj.norm_ in ("he", "she") and end - start == 1:
        # "He announced ...": a speaker is a person named a few sentences back, even where reference
        # resolution looked less far
        history = sorted((m for m in ctx.mentions if m.start < subj.i), key=lambda m: m.start)
        person = latest_mention(history, lambda h: h.kind == "person" and (h.key in ctx.kb.actors or h.via != "coref"),
                                subj, ctx, max_sents=5)
        if person is not None:
            return person.key, display_name(ctx, person.key, person.text)
    return key, text


def _referent_text(ctx: Context, m: Mention) -> str:
    for other in ctx.mentions:
        if other.key == m.key and other.via != "coref":
            return other.text if other.key not in ctx.kb.actors else display_name(ctx, other.key, other.text)
    return m.text


CONCESSIVE = re.compile(r",?\s+\b(?:although|though|whereas|even though|while)\b.*$", re.IGNORECASE | re.DOTALL)


def _modality(default: str, content: str) -> str:
    """Hearsay and hedges in the main content decide; a concessive clause after it does not."""
    cues = claim_cues()
    content = CONCESSIVE.sub("", content)
    content = re.sub(r"\b(could|can|might|may)\s+(?:not|n't|never|no\s+longer)\b(?!\s+have)", "did not", content,
                     flags=re.IGNORECASE)
    words = set(re.findall(r"[\w'-]+", content.lower()))
    low = " " + content.lower() + " "
    if any(" " + w + " " in low for w in cues["reported_markers"]):
        return "reported"
    if words & set(cues["hedges"]):
        return "hedged"
    return default


def _text_of(tokens: list[Token]) -> str:
    """The words of the content in order, leaving out whatever was cut from the middle (a parenthetical)."""
    if not tokens:
        return ""
    tokens = sorted(tokens, key=lambda t: t.i)
    text = "".join(t.text_with_ws if (i + 1 < len(tokens) and tokens[i + 1].i == t.i + 1) else t.text + " "
                   for i, t in enumerate(tokens))
    return re.sub(r"\s+", " ", text).strip(" ,.;:\n" + QUOTES)


RESPONSIBILITY_NOUNS = {"responsibility", "attack", "attacks", "assault", "ambush", "bombing", "killing",
                        "killings", "kidnapping", "abduction", "raid", "operation"}


def _french_source_phrase(sent: Span, cue: Span) -> set[int] | None:
    """French attributions are set off by commas: "Selon le ministère des Affaires étrangères, ..." (the
    source runs to the first comma) or "..., selon des sources locales." (to the end). The small parser
    often tangles the source with the content, so the punctuation decides."""
    start = cue.start
    if start > sent.start and sent.doc[start - 1].text in (",", "(", "—", "–"):
        end = next((t.i for t in sent if t.i > cue.end and t.text in (",", ")", ";", "—", "–")), sent.end)
        return set(range(start - 1, end + 1 if end < sent.end and sent.doc[end].text == ")" else end))
    comma = next((t.i for t in sent if t.i >= cue.end and t.text == ","), None)
    if comma is None:
        return None
    return set(range(start, comma + 1))


def _french_que_content(verb: Token, sent: Span, parsed: list[Token]) -> list[Token]:
    """"X a annoncé que ...": what follows "que" to the end of the sentence, when the parse gives less
    (the small parser breaks long French complements)."""
    after = [t for t in sent if verb.i < t.i <= verb.i + 4]
    que = next((t for t in after if t.norm_ == "that" and t.pos_ == "SCONJ"), None)
    if que is None:
        return parsed
    surface = [t for t in sent if t.i > que.i and not t.is_space]
    while surface and surface[-1].is_punct:
        surface.pop()
    chosen = surface if len(surface) > len(parsed) else parsed
    return [t for t in chosen if t.i != que.i]


def _french_incise(verb: Token) -> int | None:
    """French puts the speaker after the verb in an incise: "L'opération s'est terminée sans complication, a
    indiqué le Pentagone". The comma before the verb (and its auxiliaries) when the subject follows it."""
    if verb.doc.lang_ != "fr":
        return None
    k = verb.i - 1
    while k >= 0 and verb.doc[k].pos_ == "AUX":
        k -= 1
    if k < 0 or verb.doc[k].text != "," or not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i > verb.i
                                                  for c in verb.children):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i < k and c.right_edge.i == k - 1
           and any(t.norm_ in ("who", "which") and verb.doc[t.i - 1].text == "," for t in verb.doc[c.i:k])
           for c in verb.children):
        return None  # "Le collège, qui réunit X, Y et Z, condamne ...": the comma closes the subject's relative
    return k


def _misattached_clause(verb: Token) -> Token | None:
    """French: "a déclaré à la télévision que l'accord avait été imposé" — the small parser often hangs the
    "que" clause on the noun before it; the first such clause after the verb, inside its phrase, is what was
    said."""
    if verb.doc.lang_ != "fr":
        return None
    for t in verb.subtree:
        if t.i > verb.i and t.dep_ == "mark" and t.norm_ == "that" and t.head != verb \
                and t.head.pos_ in ("VERB", "AUX") and t.head.dep_ != "ccomp":
            return t.head
    return None


def _ccomps(verb: Token) -> list[Token]:
    """The verb's clauses. One before the verb is what was said ("France will leave Niger, Macron said") unless
    the verb has an object of its own or a semicolon parts them ("X says A; Bamako rejects the findings")."""
    out = []
    for c in verb.children:
        if c.dep_ != "ccomp":
            continue
        own_object = any(x.dep_ == "dobj" and not any(t.is_punct for t in verb.doc[verb.i:x.left_edge.i])
                         for x in verb.children)  # not an apposition: "..., sources said, three times the toll"
        if c.i < verb.i and (own_object or any(t.text == ";" for t in verb.doc[c.i:verb.i])):
            continue
        out.append(c)
    return out


def _content_tokens(verb: Token, sent: Span) -> list[Token]:
    # the content may precede the verb: "France will leave Niger, Macron said on Sunday"
    comps = _ccomps(verb)
    if any(c.i > verb.i for c in comps):
        # "Residents interviewed by journalists said ...": a participle read as a clause before the verb
        comps = [c for c in comps if c.i > verb.i]
    comps = comps or \
        [c for c in verb.children if c.dep_ in ("xcomp", "dobj") and c.i > verb.i]
    misattached = _misattached_clause(verb)
    if misattached is not None and not any(c.dep_ == "ccomp" for c in verb.children):
        comps = [misattached]
    comma = _french_incise(verb)
    if comma is not None and not any(c.dep_ == "ccomp" for c in verb.children):
        return [t for t in sent if t.i < comma and not t.is_space]
    if verb.lemma_.lower() in claim_cues()["predicative"] + claim_cues()["justifying"]:
        comps = [c for c in verb.children if c.dep_ in ("dobj", "prep", "oprd", "ccomp", "xcomp", "attr")
                 and (c.i > verb.i or c.dep_ == "dobj")]  # not "In a statement, it described ..."
    if verb.lemma_.lower() == "claim" and not any(c.dep_ == "ccomp" for c in verb.children):
        return [t for t in sent if not t.is_space]
    if verb.lemma_.lower() in ("accuse", "blame", "charge") and not any(c.dep_ == "ccomp" for c in verb.children):
        parts = [c for c in verb.children if c.dep_ in ("dobj", "xcomp")
                 or (c.dep_ == "prep" and c.norm_ in ("of", "for"))]
        tokens = {t for c in parts for t in c.subtree if t.norm_ not in ("which", "who", "whom", "that")}
        if verb.dep_ == "relcl" and any(c.dep_ == "dobj" and c.norm_ in ("which", "who", "whom", "that")
                                        for c in verb.children):
            # "the team, which it accused of espionage": the accused is the antecedent
            tokens |= {t for t in verb.head.subtree if t.i < verb.head.i or t == verb.head} - set(verb.subtree)
        return sorted(tokens, key=lambda t: t.i)
    if comps:
        toks = [t for c in comps for t in c.subtree]
        return sorted(set(toks), key=lambda t: t.i)
    if verb.dep_ == "parataxis":
        skip = {t.i for t in verb.subtree}
        return [t for t in sent if t.i not in skip and not t.is_space]
    return [t for t in sent if t.i > verb.i]


def _subject_of(verb: Token) -> Token | None:
    if _french_incise(verb) is not None:
        # "..., estime un chercheur": the parser often reads the inverted subject as an object
        post = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i > verb.i]
        return post[0]
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.norm_ not in ("which", "that"):
            return c
    # "X warned that the army would leave, adding that ...": a participle after a comma hung on the reported
    # clause speaks for the reporter, not for the clause's subject
    if verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == "," and verb.head.dep_ == "ccomp" \
            and verb.head.head != verb.head and verb.head.head.lemma_.lower() in claim_cues()["verb_modality"]:
        return _subject_of(verb.head.head)
    # "..., asserting that ...": the participle shares its head's subject
    if verb.dep_ in ("advcl", "xcomp", "conj") and verb.tag_ in ("VBG", "VBD", "VBN", "VBZ", "VB"):
        return _subject_of(verb.head) if verb.head != verb else None
    if verb.dep_ == "relcl":
        return verb.head
    # "Residents interviewed by journalists said ...": the parser reads the participle as a clause with the
    # speaker as its subject
    for c in verb.children:
        if c.dep_ == "ccomp" and c.i < verb.i and c.tag_ == "VBN" and any(x.dep_ == "ccomp" and x.i > verb.i
                                                                         for x in verb.children):
            subj = next((x for x in c.children if x.dep_ == "nsubj" and x.i < c.i), None)
            if subj is not None:
                return subj
    return None


#: people who speak for an organisation
ROLE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "commissioner", "official", "officials", "commander",
              "leader", "leaders", "chief", "envoy", "ambassador", "representative", "representatives"}
#: documents that speak for their authors ("according to a statement by the army")
DOCUMENT_NOUNS = {"statement", "communique", "communiqué", "video", "message", "letter", "report", "post", "audio",
                  "declaration", "press"}
#: subjects that cannot speak: "neither figure could be confirmed", "the images appear to show"
MUTE_SUBJECTS = {"figure", "number", "toll", "count", "estimate", "image", "video", "picture", "photo", "footage",
                 "situation", "decision", "move", "attack", "fighting", "violence", "crisis", "incident", "event",
                 "development", "operation", "trend", "fact", "evidence", "sign", "question", "assault", "ambush",
                 "raid", "bombing", "massacre", "clash", "offensive", "autopsy"}


def _can_speak(ctx: Context, subj: Token) -> bool:
    m = ctx.mention_at(subj.i)
    if m is not None and m.key in ctx.kb.actors and m.via != "coref":
        return True  # a named actor speaks whatever its name ("FACT said")
    return subj.lemma_.lower() not in MUTE_SUBJECTS and subj.norm_ not in MUTE_SUBJECTS


def _is_reporting(verb: Token) -> bool:
    cues = claim_cues()
    lemma = verb.lemma_.lower()
    if lemma not in cues["verb_modality"] or verb.pos_ not in ("VERB", "AUX"):
        return False
    has_clause = bool(_ccomps(verb)) or (
        verb.dep_ == "parataxis" and not any(c.dep_ == "dobj" for c in verb.children)) \
        or _misattached_clause(verb) is not None or _french_incise(verb) is not None
    if lemma in cues["justifying"]:
        # "justified the coup by the worsening security": an object and the reason given for it
        return any(c.dep_ == "dobj" for c in verb.children) and (has_clause or any(
            t.norm_ in ("by", "with", "as", "because") for t in verb.subtree if t.i > verb.i))
    if lemma in cues["predicative"]:
        # "described it as an act of war", "called the move an institutional coup"
        as_phrase = any(c.dep_ == "prep" and c.norm_ == "as" for c in verb.children) or any(
            g.dep_ == "prep" and g.norm_ == "as" for c in verb.children if c.dep_ == "dobj" for g in c.children)
        # "dénonce un acte hostile", "condemned an irresponsible act": a characterization, not the act itself
        characterized = any(c.dep_ == "dobj" and c.pos_ == "NOUN"
                            and any(d.dep_ == "det" and d.norm_ in ("a", "an") for d in c.children)
                            and any(d.dep_ == "amod" and d.pos_ == "ADJ" and d.i > c.i for d in c.children)
                            for c in verb.children)
        return as_phrase or has_clause or characterized or (
            any(c.dep_ == "dobj" for c in verb.children)
            and any(c.dep_ in ("oprd", "xcomp", "attr") or (c.dep_ == "dobj" and c.i > min(
                x.i for x in verb.children if x.dep_ == "dobj")) for c in verb.children))
    if lemma in ("accuse", "blame", "charge") and any(c.dep_ == "dobj" for c in verb.children) and any(
            c.dep_ == "prep" and c.norm_ in ("of", "for") or c.dep_ == "xcomp" for c in verb.children):
        return True  # "They accused the bloc of straying from its ideals", "accusé Damiba de s'être réfugié"
    if lemma == "claim":
        # "the group claimed the attack", "claimed responsibility for the ambush"
        return has_clause or any(c.dep_ == "dobj" and c.lemma_.lower() in RESPONSIBILITY_NOUNS
                                 for c in verb.children)
    if lemma in cues["needs_clause"] or lemma in ("point", "add"):
        return has_clause
    # "suggested", and in French any saying verb, with an infinitive: "l'armée a affirmé avoir repoussé ..."
    return has_clause or any(c.dep_ == "xcomp" for c in verb.children) and (
        lemma in ("suggest",) or verb.doc.lang_ == "fr")


def _self_announcement(ctx: Context, verb: Token, speaker_key: str | None) -> bool:
    """'Wagner announced that it had completed its operations': an act, told as an event, not a claim."""
    if verb.lemma_.lower() not in SELF_ANNOUNCING or speaker_key is None:
        return False
    for c in verb.children:
        if c.dep_ == "ccomp":
            for s in c.children:
                if s.dep_ in ("nsubj", "nsubjpass"):
                    m = ctx.mention_at(s.i)
                    return m is not None and m.key == speaker_key
    # "declared it would remain": the parser may hang the pronoun on the reporting verb
    nxt = ctx.doc[verb.i + 1] if verb.i + 1 < len(ctx.doc) else None
    m = ctx.mention_at(nxt.i) if nxt is not None and nxt.pos_ == "PRON" else None
    return m is not None and m.key == speaker_key


def _claim(ctx: Context, sent: Span, speaker_key, speaker, modality, cue, content, conf) -> Claim:
    quote = any(q in sent.text for q in QUOTES)
    return Claim(id=stable_id("cl", ctx.doc_id, sent.start, cue, speaker), speaker_id=speaker_key,
                 speaker=speaker, modality=modality, cue=cue, text=content, quote=quote, confidence=conf,
                 evidence=ctx.evidence(sent, "claims." + ("attributed" if speaker else "hearsay"), conf,
                                       speaker=speaker, modality=modality))


def extract_claims(ctx: Context, events: list[Event]) -> list[Claim]:
    cues = claim_cues()
    claims: list[Claim] = []
    described = None  # (sentence, key, speaker) of the last speaker told by a description of a person
    last_speaker = None  # (sentence, key, speaker) of the last claim told by a reporting verb
    for sent in ctx.sents:
        covered: set[int] = set()
        attributed: set[int] = set()  # the content of an "according to" in this sentence
        # "according to X, ..."
        for phrase in cues["according_to"]:
            span = find_phrase(sent, phrase)
            if span is None:
                continue
            prep = span[-1]
            objs = [c for c in prep.children if c.dep_ in ("pobj", "dobj")] or \
                   [c for w in span for c in w.children if c.dep_ in ("pobj", "dobj") and c.i > w.i] or \
                   [t for t in sent if t.i > prep.i and t.pos_ in ("NOUN", "PROPN")][:1]  # "D'après lui, ..."
            if not objs:
                continue
            if phrase != "according to" and objs[0].norm_ not in cues["source_nouns"] \
                    and ctx.mention_at(objs[0].i) is None:
                continue  # "citing the risk of violence": a reason, not a source
            if phrase in cues["opening_only"] and not (
                    (span.start == sent.start or ctx.doc[span.start - 1].is_punct)
                    and objs[0].norm_ in cues["source_nouns"] + actor_nouns()["occupation_nouns"]):
                continue  # "médiateur pour le Burkina": "pour X," attributes only when it opens the clause
            key, speaker = _speaker(ctx, objs[0])
            if key is None and objs[0].pos_ == "PRON":
                continue  # "selon lui" with no one to stand for: the sentence's own speaker tells it
            phrase_tokens = {prep.i, *[t.i for t in span], *[t.i for t in objs[0].subtree]}
            if ctx.doc.lang_ == "fr":
                phrase_tokens = _french_source_phrase(sent, span) or phrase_tokens
                source = [t for t in sent if t.i in phrase_tokens and t.i >= span.end and not t.is_punct]
                source_text = ctx.doc[source[0].i: source[-1].i + 1].text if source else ""
                if source_text and speaker and source_text in speaker and speaker != source_text:
                    speaker = source_text  # the source ends at the comma, whatever the parse hung on it
            content_tokens = [t for t in sent if t.i not in phrase_tokens and not t.is_space]
            content = _text_of(content_tokens)
            attributed.update(t.i for t in content_tokens)
            cue_clause = clause(prep, include_conj=True)
            covered.update(t.i for t in content_tokens if clause(t, include_conj=True) == cue_clause)
            modality = _modality("asserted", content)
            claims.append(_claim(ctx, sent, key, speaker, modality, phrase, content, 0.7))
            break
        for verb in sent:
            if not _is_reporting(verb) or any(c.dep_ == "neg" for c in verb.children):
                continue  # "the government has not said how many died": nothing was said
            subj = _subject_of(verb)
            if subj is None:
                continue
            if subj.norm_ in ("nobody", "none", "no", "one") or subj.dep_ == "expl" or \
                    any(c.norm_ in ("neither", "no", "none") for c in subj.children):
                continue
            if not _can_speak(ctx, subj):
                continue  # "neither figure could be confirmed", "the report speaks of ..."
            if verb.i in attributed and ctx.mention_at(subj.i) is None:
                continue  # "According to him, the autopsy revealed ...": his claim, told once
            key, speaker = _speaker(ctx, subj)
            here = ctx.sent_index[sent.start]
            if subj.pos_ == "NOUN" and subj.norm_ in cues["person_descriptions"]:
                described = (here, key, speaker)
            elif subj.pos_ == "PRON" and subj.norm_ in ("he", "she") and described is not None \
                    and here - described[0] <= 1:
                # "The new strongman said ... . He had earlier promised ...": the pronoun carries on the
                # person just described, whom reference resolution could not name
                key, speaker = described[1], described[2]
            elif ctx.doc.lang_ == "fr" and key is None and subj.pos_ == "PRON" and subj.norm_ in ("he", "she") \
                    and last_speaker is not None and here - last_speaker[0] <= 1:
                # "Le gouvernement assure que ... . Il dénonce ...": French "il"/"elle" also stands for an
                # organisation; one that spoke in the sentence before speaks on
                key, speaker = last_speaker[1], last_speaker[2]
            if not speaker or _self_announcement(ctx, verb, key):
                continue
            if key is None and subj.pos_ == "PRON" and len(speaker.split()) == 1:
                continue  # "they described them as illegal": a speaker no one could name is no attribution
            content_tokens = _content_tokens(verb, sent)
            if ctx.doc.lang_ == "fr":
                content_tokens = _french_que_content(verb, sent, content_tokens)
            content = _text_of(content_tokens)
            if len(content.split()) < 3:
                continue
            default = cues["verb_modality"][verb.lemma_.lower()]
            modality = _modality(default, content)
            claims.append(_claim(ctx, sent, key, speaker, modality, verb.text, content, 0.75))
            if key is not None:
                last_speaker = (here, key, speaker)
            covered.update(t.i for t in content_tokens if not _in_concession(t))
            covered.update(t.i for t in subj.subtree)
            covered.add(verb.i)
        # hearsay and hedges with no one behind them, outside what an attributed claim already carries
        # ("..., although the column was reportedly still far away"; "pictures appear to show ...")
        for clause_tokens in _clauses(sent):
            if any(t.i in covered for t in clause_tokens if not t.is_punct):
                continue
            text = "".join(t.text_with_ws for t in clause_tokens)
            hedge = UNATTRIBUTED_HEDGE.search(text)
            marker = next((t for t in clause_tokens if t.norm_ in cues["reported_markers"]
                           or is_hearsay_conditional(t)), None)
            if marker is not None:
                head = marker.head
                toks = [t for t in head.subtree if t in clause_tokens]
                content = _text_of(toks) if len(toks) >= 5 else _text_of(list(clause_tokens))
                if head.dep_ in ("acl", "advcl", "relcl") and head.head != head and head.head in clause_tokens:
                    # "a Malian drone ..., allegedly engaged in tracking": the claim is about the head noun
                    content = _text_of([head.head] + toks)
                claims.append(_claim(ctx, sent, None, None, "reported", marker.text, content, 0.6))
            elif hedge is not None:
                claims.append(_claim(ctx, sent, None, None, "hedged", hedge.group(0).strip(),
                                     _text_of(list(clause_tokens)), 0.5))
    claims = _merge_same_sentence(claims)
    claims = _merge_continuations(ctx, claims)
    _link_events(ctx, claims, events)
    attribute_tolls(claims, events)
    return claims


def _in_concession(t: Token) -> bool:
    """Inside an "although ..." clause: not part of what the speaker is reported to have said."""
    for a in [t, *t.ancestors]:
        if a.dep_ == "advcl" and any(c.norm_ in ("although", "though", "whereas", "while") for c in a.children):
            return True
    return False


def _clauses(sent: Span) -> list[list[Token]]:
    """A sentence cut at semicolons and before "although"-type conjunctions: each piece may carry its own
    hearsay."""
    pieces: list[list[Token]] = [[]]
    for t in sent:
        if t.text == ";" or (t.norm_ in ("although", "though", "whereas") and pieces[-1]):
            pieces.append([])
            if t.text == ";":
                continue
        pieces[-1].append(t)
    return [p for p in pieces if any(not t.is_punct and not t.is_space for t in p)]


def _merge_same_sentence(claims: list[Claim]) -> list[Claim]:
    """'X described the report as biased and insisted that no civilian had died': one speaker's words in one
    sentence are one statement; a content already inside another ("the team, which it accused of espionage")
    adds nothing."""
    out: list[Claim] = []
    for c in claims:
        prev = next((p for p in reversed(out) if p.evidence.start == c.evidence.start
                     and p.speaker_id is not None and p.speaker_id == c.speaker_id and p.modality == c.modality), None)
        if prev is None:
            out.append(c)
            continue
        words = lambda x: set(re.findall(r"\w+", x.lower()))  # noqa: E731
        if words(c.text) <= words(prev.text):
            continue
        k = out.index(prev)
        if words(prev.text) <= words(c.text):
            out[k] = c
            continue
        out[k] = prev.model_copy(update={"text": prev.text + "; " + c.text,
                                         "event_ids": prev.event_ids + [e for e in c.event_ids
                                                                         if e not in prev.event_ids]})
    return out


def _merge_continuations(ctx: Context, claims: list[Claim]) -> list[Claim]:
    """'X stated that A. It also emphasized that B.': one statement told in two sentences is one claim."""
    out: list[Claim] = []
    for c in claims:
        prev = out[-1] if out else None
        if prev is not None and c.speaker_id is not None and c.speaker_id == prev.speaker_id \
                and c.modality == prev.modality and c.cue not in claim_cues()["according_to"]:
            sent = ctx.doc.char_span(c.evidence.start, c.evidence.end, alignment_mode="expand")
            prev_sent = ctx.doc.char_span(prev.evidence.start, prev.evidence.end, alignment_mode="expand")
            adjacent = sent is not None and prev_sent is not None and \
                ctx.sent_index[sent.start] == ctx.sent_index[prev_sent.start] + 1
            pronoun = sent is not None and any(t.pos_ == "PRON" and ctx.mention_at(t.i) is not None
                                               and ctx.mention_at(t.i).key == c.speaker_id
                                               for t in sent[:6])
            continued = sent is not None and sent[0].norm_ in CONTINUATIONS
            if adjacent and pronoun and continued:
                ev = prev.evidence.model_copy(update={
                    "end": c.evidence.end, "text": ctx.doc.text[prev.evidence.start:c.evidence.end].strip()})
                out[-1] = prev.model_copy(update={"text": prev.text + "; " + c.text, "evidence": ev})
                continue
        out.append(c)
    return out


def _link_events(ctx: Context, claims: list[Claim], events: list[Event]) -> None:
    """A claim carries the events told in its sentence; those events' evidence records who said so and how
    firmly (an event known only through a hedged claim is itself hedged)."""
    for c in claims:
        _carry(c, events, c.event_ids)
        for e in events:
            if e.id in c.event_ids and all(ev.modality != "asserted" for ev in e.evidence):
                e.modality = min((ev.modality for ev in e.evidence), key=["reported", "hedged"].index)


def _content_span(c: Claim) -> tuple[int, int]:
    """Where the claim's content lies in the document: its words inside the sentence, else the sentence."""
    at = normalise_typography(c.evidence.text).find(c.text[:60]) if c.text else -1
    if at < 0:
        return c.evidence.start, c.evidence.end
    return c.evidence.start + at, c.evidence.start + at + len(c.text)


def attribute_tolls(claims: list[Claim], events: list[Event]) -> None:
    """Each figure of an event's dead or wounded is the figure of the claim whose content holds it ("the group
    said it had killed 50 soldiers, while the army said two were wounded"): competing tolls stay side by
    side, each attributed."""
    spans = [(c, *_content_span(c)) for c in claims]
    for e in events:
        tolls = []
        for t in e.tolls:
            holders = [(end - start, c) for c, start, end in spans if start <= t.start < end]
            if not holders:
                holders = [(c.evidence.end - c.evidence.start, c) for c in claims
                           if c.evidence.start <= t.start < c.evidence.end]
            if holders:
                c = min(holders, key=lambda h: h[0])[1]
                t = t.model_copy(update={"speaker": c.speaker, "modality": c.modality})
            tolls.append(t)
        e.tolls = tolls


def link_relations(claims: list[Claim], relations: list[Relation]) -> None:
    """A claim carries the relations read from its sentence ("Bamako accused Algiers of backing the rebels"):
    their evidence records who said so and how firmly, as for events."""
    for c in claims:
        _carry(c, relations, c.relation_ids)


def _carry(c: Claim, records: list, ids: list[str]) -> None:
    """The records (events or relations) told in the claim's sentence join its ``ids``; their evidence there
    records who said so and how firmly (a hedge or hearsay already on the evidence stays)."""
    for r in records:
        for k, ev in enumerate(r.evidence):
            if not c.evidence.start <= ev.start < c.evidence.end:
                continue
            if r.id not in ids:
                ids.append(r.id)
            modality = c.modality if ev.modality == "asserted" else ev.modality
            r.evidence[k] = ev.model_copy(update={"speaker": c.speaker, "modality": modality})
