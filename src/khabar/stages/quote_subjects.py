"""Subjects of speech verbs for the quotes stage: the sentence's opening subject, a person named right before."""

from __future__ import annotations

from khabar.stages.quote_find import SUBJECT_REACH, Cand
from khabar.stages.quote_lexicon import Lexicon
from khabar.stages.quote_speakers import ROLE_WINDOW, Roles, Speaker, resolve
from khabar.stages.quote_view import View


def person_before(view: View, lex: Lexicon, roles: Roles, e: int, c: Cand) -> Speaker | None:
    """Return the person whose name ends right before token e, if one does."""
    idx = view.cover[e - 1] if e > 0 else -1
    if idx < 0 or view.entities[idx].type != "PER" or c.gender == "p":  # فلان، الذين يقولون: not him
        return None
    a = e - 1
    while a > 0 and view.cover[a - 1] == idx:
        a -= 1
    return resolve(view, lex, roles, a, e, c.cue, c.gender)


def sentence_subject(view: View, lex: Lexicon, roles: Roles, s0: int, c: Cand, before: int = -1
                      ) -> Speaker | None:
    """Return the subject that opens a sentence (ورفض السفير حسين هريدي ... مؤكدا): a person, a role, an
    organisation or an unnamed group, right at its start (SVO) or after its verb (VSO)."""
    stop = c.cue if before < 0 else before
    limit = min(stop, s0 + SUBJECT_REACH)
    k = s0
    verb_gender = ""
    ents = view.entities
    while k < limit:
        norm = view.norm[k]
        if verb_gender and norm in lex.complementizers:
            return None  # وذكر أن ...: the verb's subject is dropped
        if view.kind[k] == "punct" or norm in lex.leads or norm in lex.times:
            k += 1
            continue
        if norm in lex.adjuncts:
            return None  # أمام، في: no subject here
        if verb_gender and verb_gender != c.gender and c.gender != "p":
            return None  # وقدمت بيشوب ... / وأضاف: the verb before the subject says it is someone else
        idx = view.cover[k]
        s = lex.stem(norm)
        person = k if idx >= 0 and ents[idx].type == "PER" else \
            _role_holder(view, lex, k, stop) if s in lex.roles or s in lex.titles else -1
        if person >= 0:
            return resolve(view, lex, roles, person, person + 1, c.cue, c.gender) if c.gender != "p" else None
        if (idx >= 0 and ents[idx].type == "ORG") or s in lex.roles or s in lex.titles or s in lex.unnamed \
                or s in lex.plurals:
            if not _agrees(lex, norm, s, c.gender):
                return None
            e = _phrase_end(view, lex, k, stop)
            if idx < 0 and s not in lex.roles and s not in lex.titles:  # سكان حي المنار: not the place
                return Speaker(description=view.text(k, e), gender=c.gender, pos=c.cue)
            return resolve(view, lex, roles, k, e, c.cue, c.gender)
        if verb_gender:
            return None
        cue = lex.cues.get(norm)  # the sentence's verb: its subject follows, and its ending says its gender
        verb_gender = cue.gender if cue is not None and cue.gender in ("m", "f", "p") else \
            "f" if len(norm) > 3 and norm.endswith("ت") else "m"
        k += 1
    return None


def _role_holder(view: View, lex: Lexicon, k: int, stop: int) -> int:
    """Return the token of the person a role at token k names within a few words (-1 if none).

    إمام وخطيب المسجد النبوي الشيخ عبدالمحسن: the holder; a name after a preposition is the object (اطلع
    المبعوث على وجهات نظر الوزير ظريف), except after في, which qualifies the role (المستشار في الجيش الليبي).
    """
    for j in range(k + 1, min(stop, k + ROLE_WINDOW)):
        norm = view.norm[j]
        if view.kind[j] == "punct" or norm in lex.cues or (norm in lex.adjuncts and norm not in lex.rolepreps):
            break
        if view.ent[j] >= 0 and view.entities[view.ent[j]].type == "PER":
            return j
    return -1


def _agrees(lex: Lexicon, norm: str, stem: str, gender: str) -> bool:
    """Tell whether a subject head other than a person agrees with the verb's gender.

    قالوا needs a group; a group (مصادر، مجموعات) takes قالت or قالوا, not قال; وزارة takes أضافت, المدير أضاف.
    """
    group = stem in lex.plurals or norm.endswith(("ات", "ون", "ين")) or lex.unnamed.get(stem, stem) != stem
    if (gender == "p") != group and not (gender == "f" and group):
        return False
    return not ((gender == "m" and norm.endswith("ه")) or (gender == "f" and not group and not norm.endswith("ه")))


def _phrase_end(view: View, lex: Lexicon, k: int, stop: int) -> int:
    """Return the end of a subject phrase: its head and the words qualifying it, up to its last definite word.

    A construct chain (مدير عام الإدارة العامة لشؤون الزراعة) ends on a definite word or a name, an
    indefinite head on its adjectives (مصدر دبلوماسي مصري).
    """
    last = k + 1
    e = k + 1
    definite = view.has_article(k)
    while e < stop and e - k < ROLE_WINDOW and view.kind[e] == "word":
        norm = view.norm[e]
        if norm in lex.adjuncts or norm in lex.cues or norm in lex.complementizers or norm in lex.leads:
            break
        article = view.has_article(e)
        if view.cover[e] >= 0 or article or norm.endswith(("ي", "يه")):
            last = e + 1
            definite = definite or article
        elif definite:
            break  # after the chain's definite word, an indefinite one starts something else (a name, an object)
        e += 1
    return last
