"""Event classification into ACLED sub-event types (and so event types and PLOVER roots).

A multinomial logistic regression over word and word-pair features, trained by ``scripts/train_acled.py``
and shipped as plain JSON (vocabulary, weights), so that run time needs only numpy and no pickled objects.
Classes the training data lacks or barely has (grenade, chemical weapon, government regains territory, ...)
come from the cue rules in ``kb/data/acled_cues.yaml``, which override the model when they fire."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

from sahelwatch.acled.taxonomy import load_taxonomy
from sahelwatch.errors import KnowledgeBaseError

MODEL_FILE = Path(__file__).parent / "model" / "event_classifier.json"
ADMIN1_MODEL_FILE = Path(__file__).parent / "model" / "admin1_fallback.json"
ADMIN2_MODEL_FILE = Path(__file__).parent / "model" / "admin2_fallback.json"
CUES_FILE = Path(__file__).resolve().parents[1] / "kb" / "data" / "acled_cues.yaml"

_TOKEN = re.compile(r"[a-zà-ÿ]+(?:[-'][a-zà-ÿ]+)*|\d+", re.IGNORECASE)
#: words that carry no class signal but would let the model memorise the months and places of its training data
_STOP = {"the", "a", "an", "of", "in", "on", "at", "and", "to", "by", "was", "were", "is", "are", "it", "that",
         "this", "with", "for", "as", "from", "its", "their", "his", "her", "which", "who", "be", "been", "has",
         "have", "had", "january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
         "sunday"}


def stem(word: str) -> str:
    """A crude suffix stripper: enough to make "airstrikes", "killed" and "burning" meet their stems."""
    for suffix in ("ings", "ing", "ies", "ied", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix == "es" and not word[:-2].endswith(("s", "x", "z", "ch", "sh")):
                continue  # "airstrikes" -> "airstrike" (by the plain "s" below), "taxes" -> "tax"
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def features(text: str, cues: tuple[str, ...] | list[str] = ()) -> list[str]:
    """Stemmed lower-cased words (numbers folded to one token), adjacent word pairs, stop words left out, and
    the cues the other coders read from the report (who acts, who suffers: "agent:civilians")."""
    words = ["<num>" if w.isdigit() else stem(w) for w in (m.group(0).lower() for m in _TOKEN.finditer(text))]
    words = [w for w in words if w not in _STOP]
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:])] + [f"cue:{c}" for c in cues]


@dataclass(frozen=True)
class Prediction:
    sub_event_type: str
    event_type: str
    plover: str
    confidence: float
    rule: str | None = None


@dataclass(frozen=True)
class Cue:
    sub_event_type: str
    pattern: re.Pattern
    unless: re.Pattern | None
    name: str


@dataclass(frozen=True)
class LinearTextModel:
    """A multinomial logistic regression over :func:`features`, as trained by ``scripts/train_acled.py``."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    classes: list[str]
    meta: dict

    def probabilities(self, text: str, cues: tuple[str, ...] = ()) -> dict[str, float]:
        scores = vectorize([text], self.vocabulary, self.idf, [cues]) @ self.weights + self.bias
        return {c: float(p) for c, p in zip(self.classes, softmax(scores)[0])}

    def predict(self, text: str, cues: tuple[str, ...] = ()) -> tuple[str, float]:
        probs = self.probabilities(text, cues)
        best = max(probs, key=probs.get)
        return best, probs[best]

    @classmethod
    def from_file(cls, path: Path) -> LinearTextModel:
        if not path.exists():
            raise KnowledgeBaseError(f"model file {path} is missing: run scripts/train_acled.py")
        data = json.loads(path.read_text(encoding="utf-8"))
        meta = {k: v for k, v in data.items() if k not in ("features", "idf", "weights", "bias", "classes")}
        return cls({f: i for i, f in enumerate(data["features"])}, np.asarray(data["idf"], dtype=np.float32),
                   np.asarray(data["weights"], dtype=np.float32), np.asarray(data["bias"], dtype=np.float32),
                   list(data["classes"]), meta)


class EventClassifier:
    """The learned model, behind the cue rules for the types the data lacks."""

    def __init__(self, model: LinearTextModel, cues: list[Cue]):
        self.model, self.cues = model, cues
        self.taxonomy = load_taxonomy()

    def predict(self, text: str, cues: tuple[str, ...] = ()) -> Prediction:
        for cue in self.cues:
            if cue.pattern.search(text) and not (cue.unless and cue.unless.search(text)):
                return self._prediction(cue.sub_event_type, 0.9, cue.name)
        best, confidence = self.model.predict(text, cues)
        return self._prediction(best, confidence)

    def _prediction(self, sub: str, confidence: float, rule: str | None = None) -> Prediction:
        return Prediction(sub, self.taxonomy.event_type_of(sub), self.taxonomy.plover_of(sub), confidence, rule)


def vectorize(texts: list[str], vocabulary: dict[str, int], idf: np.ndarray,
              cues: list[tuple[str, ...]] | None = None) -> np.ndarray:
    """Binary presence times idf, rows scaled to unit length."""
    x = np.zeros((len(texts), len(vocabulary)), dtype=np.float32)
    for i, text in enumerate(texts):
        for f in features(text, cues[i] if cues else ()):
            j = vocabulary.get(f)
            if j is not None:
                x[i, j] = idf[j]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-9)


def softmax(scores: np.ndarray) -> np.ndarray:
    z = np.exp(scores - scores.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def load_cues(path: Path = CUES_FILE) -> list[Cue]:
    taxonomy = load_taxonomy()
    cues = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["cues"]:
        sub = entry["sub_event_type"]
        taxonomy.sub_event(sub)  # unknown names fail loudly
        try:
            cues.append(Cue(sub, re.compile(entry["pattern"], re.IGNORECASE),
                            re.compile(entry["unless"], re.IGNORECASE) if entry.get("unless") else None,
                            entry.get("name", sub)))
        except re.error as exc:
            raise KnowledgeBaseError(f"{path.name}: bad pattern for {sub!r}: {exc}") from exc
    return cues


@lru_cache(maxsize=1)
def load_signals(path: Path = CUES_FILE) -> dict[str, re.Pattern]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")).get("signals") or {}
    return {name: re.compile(rx, re.IGNORECASE) for name, rx in data.items()}


def signal_cues(text: str) -> tuple[str, ...]:
    """The named signals (``signals`` in ``acled_cues.yaml``) a report shows, as classifier cues."""
    return tuple(f"signal:{name}" for name, rx in load_signals().items() if rx.search(text))


@lru_cache(maxsize=1)
def load_classifier(path: Path = MODEL_FILE) -> EventClassifier:
    return EventClassifier(LinearTextModel.from_file(path), load_cues())


@lru_cache(maxsize=1)
def load_admin1_model(path: Path = ADMIN1_MODEL_FILE) -> LinearTextModel | None:
    """The region a report's words point to, for reports whose place the gazetteer cannot find (optional:
    None before ``scripts/train_acled.py`` has made it)."""
    return LinearTextModel.from_file(path) if path.exists() else None


@lru_cache(maxsize=1)
def load_admin2_model(path: Path = ADMIN2_MODEL_FILE) -> LinearTextModel | None:
    """The district ("admin1|admin2") a report's words point to, for the same reports (optional too)."""
    return LinearTextModel.from_file(path) if path.exists() else None
