"""Quality and speed of the voicemail speech recognition (concerto/voice).

Makes French test messages offline with espeak-ng, turns them into telephone quality with
sox (8 kHz, mono, mu-law), transcribes them with the application's own function
(``concerto.voice.speech.transcribe_file``: faster-whisper, CPU, int8, the production
decoding options) and measures, per voice:

- word error rate against the known text, after normalising both texts (lower case,
  punctuation and apostrophes, hyphens, digits written out in French words);
- real-time factor, two ways: wall-clock seconds per second of audio, and CPU seconds of
  this process (all its threads) per second of audio. The machine may be shared: the CPU
  figure is the one that does not depend on the other jobs; the load average is printed
  beside it. Below 1: faster than real time.

Two kinds of message: "short" (each sentence is one message, 3 to 5 s: Whisper still
encodes a whole 30-second window, the worst case per second of audio) and "long" (the
sentences one after the other with pauses, about 34 s, the length of a usual voicemail).
The model is loaded once before the timings, as in a worker; its loading time is printed.

    .venv/bin/python bench/speech_bench.py [--model-dir DIR] [--voices fr,fr+m3] [--beam N]
                                           [--write]

The model directory defaults to CONCERTO_WHISPER_MODEL_DIR, else var/whisper/base
(bin/install-whisper-model.sh). The MBROLA voices (mb-fr1, mb-fr4) are used when the
``mbrola`` program and its French voices are installed (not in Debian's main component).
The last line printed is a one-line summary (``SPEECH …``). ``--write`` replaces the speech
section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concerto.settings_test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

SENTENCES = [
    "Bonjour, je voudrais plus de bancs dans le parc près de chez moi.",
    "Il faudrait des bus plus tard le soir pour rentrer du travail.",
    "La bibliothèque du quartier devrait ouvrir le dimanche matin.",
    "Les trottoirs sont trop étroits pour les poussettes et les fauteuils roulants.",
    "Je propose un marché de producteurs tous les samedis sur la place.",
    "Mon fils ne trouve pas de stage, il faut aider les jeunes du quartier.",
    "Les loyers sont trop chers, nous avons besoin de logements sociaux.",
    "Merci de nous écouter, au revoir.",
]
# espeak-ng's own French voice (formant synthesis) and three of its variants; the MBROLA
# diphone voices sound far more natural but need the non-free `mbrola` packages.
ESPEAK_VOICES = ["fr", "fr+m3", "fr+f3", "fr+klatt4"]
MBROLA_VOICES = {"mb-fr1": "fr1", "mb-fr4": "fr4"}
PAUSE_SECONDS = 0.7
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Messages téléphoniques : reconnaissance vocale (bench/speech_bench.py)"

# --- Text normalisation and WER -----------------------------------------------------------

_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def french_number(n: int) -> str:
    """0 to 999 999 in words (enough for a voicemail: ages, streets, years)."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        if tens in (7, 9):  # soixante-dix, quatre-vingt-dix
            base = "soixante" if tens == 7 else "quatre-vingt"
            rest = _UNITS[10 + unit]
            return f"{base}-et-onze" if n == 71 else f"{base}-{rest}"
        base = "quatre-vingt" if tens == 8 else _TENS[tens]
        if unit == 0:
            return "quatre-vingts" if tens == 8 else base
        if unit == 1 and tens != 8:
            return f"{base}-et-un"
        return f"{base}-{_UNITS[unit]}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "cent" if hundreds == 1 else f"{_UNITS[hundreds]} cent"
        if rest == 0:
            return head + ("s" if hundreds > 1 else "")
        return f"{head} {french_number(rest)}"
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        head = "mille" if thousands == 1 else f"{french_number(thousands)} mille"
        return head if rest == 0 else f"{head} {french_number(rest)}"
    return str(n)


def words(text: str) -> list[str]:
    """Lower case, NFC, typographic apostrophes, digits in words, no punctuation or hyphens
    (so "l'école" = "l' école", "3" = "trois", "quatre-vingts" = "quatre vingts")."""
    text = unicodedata.normalize("NFC", text.lower()).replace("’", "'").replace("œ", "oe")
    text = re.sub(r"\d+", lambda m: f" {french_number(int(m.group()))} ", text)
    text = text.replace("'", "' ")
    return re.sub(r"[^\w'\s]", " ", text).replace("_", " ").split()


def wer(reference: str, hypothesis: str) -> tuple[int, int]:
    """(word edits, reference words) after normalisation: Levenshtein on words."""
    ref, hyp = words(reference), words(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1], len(ref)


# --- Test audio ---------------------------------------------------------------------------


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"{name} est introuvable : lancez `make system-deps`.")
    return path


def mbrola_voices() -> list[str]:
    if shutil.which("mbrola") is None:
        return []
    roots = [Path("/usr/share/mbrola"), Path("/usr/share/mbrola/voices")]
    return [v for v, d in MBROLA_VOICES.items() if any((r / d).exists() for r in roots)]


def seconds(path: Path) -> float:
    out = subprocess.run([tool("soxi"), "-D", str(path)], check=True, capture_output=True)
    return float(out.stdout)


def speak(voice: str, text: str, raw: Path) -> None:
    subprocess.run([tool("espeak-ng"), "-v", voice, "-s", "150", "-w", str(raw), text], check=True)


def telephone(raw: Path, phone: Path) -> None:
    subprocess.run(
        [tool("sox"), "-V1", str(raw), "-r", "8000", "-c", "1", "-e", "mu-law", str(phone)],
        check=True,
    )


def make_messages(voice: str, folder: Path) -> list[tuple[str, Path, str]]:
    """(kind, telephone-quality file, reference text) for one voice: 8 short, 1 long."""
    messages, raws = [], []
    for index, sentence in enumerate(SENTENCES):
        raw, phone = folder / f"{voice}-{index}-raw.wav", folder / f"{voice}-{index}.wav"
        speak(voice, sentence, raw)
        telephone(raw, phone)
        messages.append(("short", phone, sentence))
        raws.append(raw)
    rate = subprocess.run(
        [tool("soxi"), "-r", str(raws[0])], check=True, capture_output=True, text=True
    ).stdout.strip()
    pause = folder / f"{voice}-pause.wav"
    subprocess.run(
        [tool("sox"), "-n", "-r", rate, "-c", "1", str(pause), "trim", "0", str(PAUSE_SECONDS)],
        check=True,
    )
    joined, long_phone = folder / f"{voice}-long-raw.wav", folder / f"{voice}-long.wav"
    parts = [str(p) for raw in raws for p in (raw, pause)]
    subprocess.run([tool("sox"), *parts, str(joined)], check=True)
    telephone(joined, long_phone)
    messages.append(("long", long_phone, " ".join(SENTENCES)))
    return messages


# --- Measure ------------------------------------------------------------------------------


@dataclass
class Tally:
    messages: int = 0
    errors: int = 0
    words: int = 0
    audio: float = 0.0
    wall: float = 0.0
    cpu: float = 0.0
    examples: list[str] = field(default_factory=list)

    def add(self, errors: int, n: int, audio: float, wall: float, cpu: float) -> None:
        self.messages += 1
        self.errors, self.words = self.errors + errors, self.words + n
        self.audio, self.wall, self.cpu = self.audio + audio, self.wall + wall, self.cpu + cpu

    @property
    def wer(self) -> float:
        return self.errors / max(1, self.words)

    @property
    def rtf_wall(self) -> float:
        return self.wall / max(1e-9, self.audio)

    @property
    def rtf_cpu(self) -> float:
        return self.cpu / max(1e-9, self.audio)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model-dir", default="")
    parser.add_argument("--voices", default="", help="comma-separated espeak-ng voices")
    parser.add_argument("--beam", type=int, default=0, help="beam size (default: settings)")
    parser.add_argument("--verbose", action="store_true", help="print every transcript")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    model_dir = (
        args.model_dir
        or os.environ.get("CONCERTO_WHISPER_MODEL_DIR", "")
        or str(ROOT / "var" / "whisper" / "base")
    )
    if not (Path(model_dir) / "model.bin").exists():
        raise SystemExit(f"Pas de modèle dans {model_dir} : lancez bin/install-whisper-model.sh.")
    import logging

    import django
    from django.conf import settings

    django.setup()
    logging.getLogger("faster_whisper").setLevel(logging.WARNING)
    if args.beam:
        settings.CONCERTO_WHISPER_BEAM_SIZE = args.beam
    from concerto.voice.speech import CPU_THREADS, decode_options, load_model, transcribe_file

    voices = args.voices.split(",") if args.voices else ESPEAK_VOICES + mbrola_voices()
    load_before = os.getloadavg()
    started = time.perf_counter()
    load_model(model_dir)  # once per worker, outside the timings
    model_load = time.perf_counter() - started
    by_kind: dict[str, Tally] = {"short": Tally(), "long": Tally()}
    by_voice: dict[str, Tally] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for voice in voices:
            tally = by_voice.setdefault(voice, Tally())
            for kind, path, reference in make_messages(voice, Path(tmp)):
                duration = seconds(path)
                wall0, cpu0 = time.perf_counter(), time.process_time()
                text, _segments = transcribe_file(str(path), model_dir)
                wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
                errors, n = wer(reference, text)
                for t in (tally, by_kind[kind]):
                    t.add(errors, n, duration, wall, cpu)
                if args.verbose:
                    print(f"  [{voice} {kind}] {errors}/{n} {wall:.2f}s : {text}")
            print(
                f"{voice:10s} WER {tally.wer:6.1%} ({tally.errors}/{tally.words} mots)  "
                f"RTF horloge {tally.rtf_wall:.3f}  RTF CPU {tally.rtf_cpu:.3f}",
                flush=True,
            )
    load_after = os.getloadavg()
    options = decode_options()
    short, long_ = by_kind["short"], by_kind["long"]
    total = Tally()
    for t in (short, long_):
        total.add(t.errors, t.words, t.audio, t.wall, t.cpu)
    voice_wer = " ".join(f"{v} {t.wer:.0%}" for v, t in by_voice.items())
    summary = (
        f"SPEECH beam={options['beam_size']} vad={options['vad_filter']} "
        f"threads={CPU_THREADS} | short {short.messages} msg {short.audio:.0f}s: RTF wall "
        f"{short.rtf_wall:.2f} cpu {short.rtf_cpu:.2f} | long {long_.messages} msg "
        f"{long_.audio:.0f}s: RTF wall {long_.rtf_wall:.2f} cpu {long_.rtf_cpu:.2f} | all: "
        f"RTF wall {total.rtf_wall:.2f} cpu {total.rtf_cpu:.2f} | WER {voice_wer} | "
        f"load {load_before[0]:.1f}->{load_after[0]:.1f} | model load {model_load:.1f}s"
    )
    print(summary)
    if args.write:
        write_results(args, options, by_voice, short, long_, total, load_before, load_after)
        print(f"Section mise à jour dans {RESULTS.relative_to(ROOT)}")
    return 0


def write_results(
    args: argparse.Namespace,
    options: dict[str, object],
    by_voice: dict[str, Tally],
    short: Tally,
    long_: Tally,
    total: Tally,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
) -> None:
    from faster_whisper import __version__ as fw_version  # type: ignore[import-untyped]

    espeak = subprocess.run(
        [tool("espeak-ng"), "--version"], capture_output=True, text=True, check=True
    ).stdout.split()[3]
    rows = "\n".join(
        f"| {voice} | {t.wer:.1%} ({t.errors}/{t.words}) | {t.rtf_wall:.3f} | {t.rtf_cpu:.3f} |"
        for voice, t in by_voice.items()
    )
    opts = ", ".join(f"{k}={v}" for k, v in options.items())
    body = f"""{SECTION}

Commande : `.venv/bin/python bench/speech_bench.py --write` — {time.strftime("%Y-%m-%d %H:%M")}, \
{os.cpu_count()} cœurs, Python {platform.python_version()}, faster-whisper {fw_version} (CPU, \
int8, 2 fils), modèle Whisper base multilingue de PyPI (`bin/install-whisper-model.sh`), \
espeak-ng {espeak}, sox 8 kHz mu-law. Options de décodage (celles de la production, \
`concerto/voice/speech.py`) : {opts}. Charge de la machine (load average 1 min) : \
{load_before[0]:.1f} avant, {load_after[0]:.1f} après.

| messages | audio | RTF horloge | RTF CPU |
|---|---:|---:|---:|
| courts (une phrase par message, 3 à 5 s) : {short.messages} | {short.audio:.0f} s | \
{short.rtf_wall:.3f} | {short.rtf_cpu:.3f} |
| longs (les 8 phrases avec pauses, ~34 s) : {long_.messages} | {long_.audio:.0f} s | \
{long_.rtf_wall:.3f} | {long_.rtf_cpu:.3f} |
| tous | {total.audio:.0f} s | {total.rtf_wall:.3f} | {total.rtf_cpu:.3f} |

| voix | WER (erreurs/mots) | RTF horloge | RTF CPU |
|---|---:|---:|---:|
{rows}
"""
    text = RESULTS.read_text(encoding="utf-8")
    start = text.find(SECTION)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + body
    else:
        notes_at = text.find("\n### ", start)
        end = text.find("\n## ", start + len(SECTION))
        end = len(text) if end < 0 else end + 1
        # Keep the hand-written notes (the "### …" subsections) below the figures.
        keep = text[notes_at + 1 : end] if 0 <= notes_at < end else ""
        text = text[:start] + body + ("\n" + keep if keep else "\n") + text[end:]
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
