# SPDX-License-Identifier: GPL-2.0-only
"""What a sweep is: a program, parameters with their values, runs and a seed;
and the tasks it expands into, one per (parameters, run)."""

import hashlib
import itertools
import json
import os
import re
import tomllib
from dataclasses import dataclass, field

#: Options the sweep itself gives every task: not sweep parameters.
RESERVED = ("runs", "RngRun", "seed", "outputDir", "csv", "plot", "records")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class SpecError(ValueError):
    """A sweep file or command line that cannot be run (exit status 2)."""


def _text(value, where):
    """A TOML value as the example's command line takes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        text = str(value)
        if text == "" or any(c in text for c in "\n\r\0"):
            raise SpecError("%s: %r is not a command-line value" % (where, value))
        return text
    raise SpecError("%s: %r is not a number, string or boolean" % (where, value))


def expand_params(params):
    """Every combination of the parameters' values, the first parameter
    varying slowest: [{"rtts": "10", "lossRates": "0"}, ...]."""
    names = list(params)
    return [dict(zip(names, combo)) for combo in itertools.product(*(params[n] for n in names))]


@dataclass(frozen=True)
class Task:
    """One example process: one combination of parameters, one run."""

    program: str  #: the executable
    name: str  #: the program's name (part of the key)
    params: tuple  #: ((name, value), ...) in the sweep's order
    run: int  #: ns-3's RngRun
    seed: int  #: ns-3's seed
    timeout: float  #: seconds before the process is killed

    def key(self):
        """The store's key: program name, parameters, seed and run (JSON)."""
        return json.dumps({"program": self.name, "params": dict(sorted(self.params)),
                           "seed": self.seed, "run": self.run}, sort_keys=True)

    def key_hash(self):
        """A file-name-safe digest of key()."""
        return hashlib.sha256(self.key().encode()).hexdigest()[:24]

    def args(self):
        """The command line: the parameters, then one run with records only."""
        return ([self.program] + ["--%s=%s" % (k, v) for k, v in self.params]
                + ["--runs=1", "--RngRun=%d" % self.run, "--seed=%d" % self.seed,
                   "--outputDir=.", "--csv=none", "--plot=none", "--records=records.csv"])


@dataclass
class SweepSpec:
    """A sweep: from a TOML file, the command line, or both (the command line wins)."""

    program: str = ""  #: path of the executable
    example: str = ""  #: an example's name, found in the build directory
    params: dict = field(default_factory=dict)  #: name -> [values as text]
    runs: int = 1  #: runs per combination (RngRun 1 .. runs)
    seed: int = 1  #: ns-3 seed
    timeout: float = 3600.0  #: seconds per task
    x: str = ""  #: figures' x axis (a parameter)
    y: list = field(default_factory=list)  #: figures' measured values

    @staticmethod
    def from_toml(path):
        """Read a sweep file (doc/sweeps.rst shows the format)."""
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except OSError as e:
            raise SpecError("%s: %s" % (path, e.strerror)) from None
        except tomllib.TOMLDecodeError as e:
            raise SpecError("%s: %s" % (path, e)) from None
        spec = SweepSpec()
        known = {"program", "example", "runs", "seed", "timeout", "params", "figures"}
        unknown = set(data) - known
        if unknown:
            raise SpecError("%s: unknown key(s) %s" % (path, ", ".join(sorted(unknown))))
        for key in ("program", "example"):
            if key in data:
                if not isinstance(data[key], str) or not data[key]:
                    raise SpecError("%s: %s must be a non-empty string" % (path, key))
                setattr(spec, key, data[key])
        if spec.program and not os.path.isabs(spec.program):
            spec.program = os.path.join(os.path.dirname(os.path.abspath(path)), spec.program)
        for key in ("runs", "seed", "timeout"):
            if key in data:
                setattr(spec, key, data[key])
        params = data.get("params", {})
        if not isinstance(params, dict):
            raise SpecError("%s: [params] must be a table" % path)
        for name, values in params.items():
            values = values if isinstance(values, list) else [values]
            spec.params[name] = [_text(v, "%s: params.%s" % (path, name)) for v in values]
        figures = data.get("figures", {})
        if not isinstance(figures, dict):
            raise SpecError("%s: [figures] must be a table" % path)
        spec.x = figures.get("x", "")
        y = figures.get("y", [])
        spec.y = [y] if isinstance(y, str) else list(y)
        return spec

    def set_param(self, text):
        """A --param NAME=V1,V2,... argument."""
        name, eq, values = text.partition("=")
        if not eq or not values:
            raise SpecError("--param %s: expected NAME=VALUE[,VALUE...]" % text)
        items = values.split(",")
        if any(not v for v in items):
            raise SpecError("--param %s: empty value" % text)
        self.params[name] = items

    def check(self):
        """Raise SpecError unless the sweep can run."""
        if bool(self.program) == bool(self.example):
            raise SpecError("give one of --example NAME or --program PATH (or in the sweep file)")
        for key, lo in (("runs", 1), ("seed", 1)):
            v = getattr(self, key)
            if not isinstance(v, int) or isinstance(v, bool) or v < lo:
                raise SpecError("%s: %r is not an integer >= %d" % (key, v, lo))
        if self.seed > 4294944442:
            raise SpecError("seed: %d is above ns-3's largest seed 4294944442" % self.seed)
        if (not isinstance(self.timeout, (int, float)) or isinstance(self.timeout, bool)
                or not self.timeout > 0):
            raise SpecError("timeout: %r is not a positive number of seconds" % (self.timeout,))
        for name, values in self.params.items():
            if not _NAME.match(name):
                raise SpecError("parameter %r: not an option name" % name)
            if name in RESERVED:
                raise SpecError("parameter %s: the sweep sets it (use runs/seed instead)" % name)
            if len(set(values)) != len(values):
                raise SpecError("parameter %s: a value is repeated" % name)
        if self.x and self.x not in self.params:
            raise SpecError("figures x %r is not a parameter" % self.x)

    def tasks(self, program):
        """Every task, runs varying fastest. program: the resolved executable."""
        name = os.path.basename(program)
        return [Task(program, name, tuple(combo.items()), run, self.seed, float(self.timeout))
                for combo in expand_params(self.params)
                for run in range(1, self.runs + 1)]
