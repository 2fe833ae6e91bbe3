"""Speech recognition of voicemails: faster-whisper on the CPU, int8.

The model is loaded once per worker process (``load_model`` is cached) and reused for
every message. Decoding options, measured by ``bench/speech_bench.py`` (bench/RESULTS.md):

- ``language="fr"``: no language detection pass.
- ``vad_filter=True``: the Silero voice-activity model shipped inside faster-whisper skips
  silence and hold music, so a message with a long silent tail costs one window instead of
  several, and Whisper does not invent text on silence (its classic "Sous-titres réalisés
  par…"); segment timestamps are mapped back to the original audio, so the reviewer's jump
  links stay right.
- ``temperature=0.0`` only: no fallback re-decoding (each fallback decodes the window again).
- ``condition_on_previous_text=False``: a mistake in one window is not carried into the
  next one.
- ``no_repeat_ngram_size=6``: Whisper sometimes loops on poor telephone audio ("me faire me
  faire…") until its 448-token limit, which was most of the time measured before (real-time
  factor 1.19); forbidding a repeated run of 6 tokens stops a loop within a few words and
  leaves ordinary speech alone (a 6-token phrase, about four words, said twice within one
  30-second window is rare).
- ``max_new_tokens`` from the recording's length (``max_new_tokens`` below).
- ``beam_size`` from ``CONCERTO_WHISPER_BEAM_SIZE`` (default 5; 1 is greedy decoding, about
  a third less CPU on long messages, see the bench).
- Segment timestamps are kept (no ``without_timestamps``): the review page jumps to them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings

CPU_THREADS = 2
SAMPLING_RATE = 16000
MAX_TOKENS = 400  # Whisper's window holds 448 tokens, the prompt included


def decode_options() -> dict[str, Any]:
    return {
        "language": "fr",
        "beam_size": settings.CONCERTO_WHISPER_BEAM_SIZE,
        "temperature": 0.0,
        "condition_on_previous_text": False,
        "vad_filter": True,
        "no_repeat_ngram_size": 6,
    }


@lru_cache(maxsize=1)
def load_model(model_dir: str) -> Any:
    """One model per worker process, loaded on first use and kept."""
    from faster_whisper import WhisperModel  # type: ignore[import-untyped]

    return WhisperModel(model_dir, device="cpu", compute_type="int8", cpu_threads=CPU_THREADS)


def max_new_tokens(duration: float) -> int:
    """A ceiling on the tokens decoded per 30-second window, from the length of the
    recording: about twice the fastest French speech (10 tokens a second), never more than
    Whisper's own limit. It only bites on short messages, where a hallucinated list of
    numbers ("8, 8, 13, 8, 8, 18…") escapes the repeat guard and would run to 448 tokens."""
    return int(min(MAX_TOKENS, 32 + 10 * duration))


def transcribe_file(path: str, model_dir: str) -> tuple[str, list[dict[str, Any]]]:
    """The text of one recording and its timestamped segments."""
    from faster_whisper import decode_audio

    audio = decode_audio(path, sampling_rate=SAMPLING_RATE)
    options = decode_options()
    options["max_new_tokens"] = max_new_tokens(len(audio) / SAMPLING_RATE)
    segments, _info = load_model(model_dir).transcribe(audio, **options)
    found = [
        {"start": round(s.start, 2), "end": round(s.end, 2), "text": s.text.strip()}
        for s in segments
    ]
    found = [s for s in found if s["text"]]
    return " ".join(s["text"] for s in found).strip(), found
