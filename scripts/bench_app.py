#!/usr/bin/env python3
"""Start-up time and memory of the real Candor window against a bare Tauri
window, under Xvfb, driven through tauri-driver. Called by scripts/bench-app,
which builds the binaries and the demo journal first; see that script for
what is measured and how.

Standard library only: it speaks WebDriver over HTTP itself.
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse

CLK_TCK = os.sysconf("SC_CLK_TCK")

# A start that fails in the harness (a dropped WebDriver connection, say) is
# tried again on a fresh driver, up to this many times; failures are counted
# in the table.
ATTEMPTS = 3

# Resolves with the page's clock (epoch ms) at the moment body[data-ready] is
# "true": at once if it already is, else when a MutationObserver sees it set.
# Also returns whether it was already set and when the page's load event
# ended, so a reader can tell how the moment was caught.
WAIT_READY = """
const done = arguments[arguments.length - 1];
const loaded = () => performance.timing.loadEventEnd || null;
const ready = () => !!document.body && document.body.dataset.ready === 'true';
if (ready()) {
  done({ ready_at: Date.now(), already: true, loaded_at: loaded() });
} else {
  const observer = new MutationObserver(() => {
    if (ready()) {
      const at = Date.now();
      observer.disconnect();
      done({ ready_at: at, already: false, loaded_at: loaded() });
    }
  });
  observer.observe(document.documentElement,
    { attributes: true, attributeFilter: ['data-ready'], subtree: true });
}
"""

# When the load event ended, once it has (Candor sets ready before or after
# it, depending on how fast its first IPC calls answer).
LOAD_END = """
const done = arguments[arguments.length - 1];
const end = () => performance.timing.loadEventEnd;
if (end()) done(end());
else window.addEventListener('load', () => setTimeout(() => done(end()), 0));
"""


def say(message):
    print(f"\033[1m==> {message}\033[0m", file=sys.stderr, flush=True)


class WebDriverError(Exception):
    """A request to the driver failed: no answer, or an error answer."""


class WebDriverRefused(WebDriverError):
    """The driver answered with a WebDriver error (HTTP 4xx/5xx)."""


HARNESS_ERRORS = (RuntimeError, WebDriverError, OSError, http.client.HTTPException)


def wd(method, url, body=None, timeout=60):
    try:
        return _http(method, url, body, timeout)
    except WebDriverRefused as err:
        raise WebDriverRefused(f"{method} {url.split('/', 3)[-1][:60]}: {err}") from None
    except HARNESS_ERRORS as err:
        raise WebDriverError(f"{method} {url.split('/', 3)[-1][:60]}: {err}") from None


def _http(method, url, body=None, timeout=60):
    # http.client rather than urllib: urllib sends `Connection: close`, and
    # with it a few requests in twenty came back as "Remote end closed
    # connection without response" through tauri-driver; without it, none.
    parsed = urllib.parse.urlsplit(url)
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"} if data is not None else {}
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    try:
        conn.request(method, parsed.path, body=data, headers=headers)
        response = conn.getresponse()
        text = response.read()
    finally:
        conn.close()
    try:
        payload = json.loads(text) if text else {}
    except ValueError:
        payload = {}
    if response.status >= 400:
        value = payload.get("value", {}) if isinstance(payload, dict) else {}
        raise WebDriverRefused(
            f"HTTP {response.status} {value.get('error', '')}: {value.get('message', '')}"
        )
    return payload


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def boot_epoch():
    """The wall-clock time (s since the epoch) at which the machine booted:
    /proc gives process start times relative to boot, the page gives epoch
    milliseconds."""
    return time.time() - time.clock_gettime(time.CLOCK_BOOTTIME)


def proc_stat(pid):
    """(state, ppid, start in seconds after boot) of a process, or None."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces.
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1]), int(fields[19]) / CLK_TCK


def all_pids():
    return [int(p) for p in os.listdir("/proc") if p.isdigit()]


def descendants(root):
    """`root` and every live process below it."""
    children = {}
    for pid in all_pids():
        stat = proc_stat(pid)
        if stat and stat[0] != "Z":
            children.setdefault(stat[1], []).append(pid)
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def alive(pid):
    stat = proc_stat(pid)
    return stat is not None and stat[0] != "Z"


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def memory_kib(pid):
    """Pss, private (USS) and Rss of one process, in KiB, from smaps_rollup;
    Pss and USS are None where the kernel has no smaps_rollup (before 4.14)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            fields = {}
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[0].endswith(":"):
                    fields[parts[0][:-1]] = int(parts[1])
        return (
            fields.get("Pss", 0),
            fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0),
            fields.get("Rss", 0),
        )
    except FileNotFoundError:
        pass
    except OSError:
        return 0, 0, 0
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return None, None, int(line.split()[1])
    except OSError:
        pass
    return 0, 0, 0


class Xvfb:
    """One Xvfb for the whole run, on a display it picks itself (-displayfd)."""

    def __init__(self):
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1440x900x24", "-nolisten", "tcp"],
            pass_fds=[write],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        os.close(write)
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(read, 16)
            if not chunk:
                raise RuntimeError("Xvfb exited before it picked a display")
            number += chunk
        os.close(read)
        self.display = ":" + number.decode().strip()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Case:
    def __init__(self, key, label, binary, db=None):
        self.key = key
        self.label = label
        self.binary = binary
        self.db = db
        self.runs = []
        self.failures = []
        self.warmups = []


def launch_and_measure(case, args, xvfb, workdir, settle):
    """One start of one case: returns a dict of what was measured."""
    xdg = {name: os.path.join(workdir, case.key, name) for name in ("data", "cache", "config")}
    for path in xdg.values():
        os.makedirs(path, exist_ok=True)
    env = dict(os.environ)
    for name in ("WAYLAND_DISPLAY", "CANDOR_DB", "WEBKIT_DISABLE_COMPOSITING_MODE"):
        env.pop(name, None)
    env.update(
        DISPLAY=xvfb.display,
        GDK_BACKEND="x11",
        XDG_DATA_HOME=xdg["data"],
        XDG_CACHE_HOME=xdg["cache"],
        XDG_CONFIG_HOME=xdg["config"],
    )
    if args.compositing == "off":
        env["WEBKIT_DISABLE_COMPOSITING_MODE"] = "1"
    if case.db:
        env["CANDOR_DB"] = case.db

    port, native_port = free_port(), free_port()
    # Its own process group: the driver, WebKitWebDriver, the app and WebKit's
    # helpers are stopped together.
    driver = subprocess.Popen(
        [args.driver, "--port", str(port), "--native-port", str(native_port)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    tree = []
    session = None
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                wd("GET", f"{base}/status", timeout=2)
                break
            except HARNESS_ERRORS:
                if driver.poll() is not None:
                    raise RuntimeError(f"tauri-driver exited ({driver.returncode})")
                if time.monotonic() > deadline:
                    raise RuntimeError("tauri-driver did not start listening")
                time.sleep(0.02)

        caps = {"capabilities": {"alwaysMatch": {"tauri:options": {"application": case.binary}}}}
        response = wd("POST", f"{base}/session", caps)
        session = response.get("value", {}).get("sessionId") or response.get("sessionId")
        if not session:
            raise RuntimeError(f"no session id in {response}")
        url = f"{base}/session/{session}"
        wd("POST", f"{url}/timeouts", {"script": int(args.timeout * 1000)})

        app_pid = find_app(driver.pid, case.binary)
        started = boot_epoch() + proc_stat(app_pid)[2]

        # Navigation may still be under way right after the session starts:
        # a script the driver refuses then is run again. (A dropped
        # connection is not retried here: the moment could be missed.)
        deadline = time.monotonic() + args.timeout
        while True:
            try:
                seen = wd("POST", f"{url}/execute/async", {"script": WAIT_READY, "args": []},
                            timeout=args.timeout + 5)["value"]
                break
            except WebDriverRefused as err:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the page never became ready: {err}") from None
                time.sleep(0.01)
        loaded_at = seen.get("loaded_at") or wd(
            "POST", f"{url}/execute/async", {"script": LOAD_END, "args": []})["value"]

        ready_ms = seen["ready_at"] - started * 1000
        loaded_ms = loaded_at - started * 1000

        time.sleep(settle)
        tree = descendants(app_pid)
        pss = uss = rss = 0
        pss_known = True
        processes = []
        for pid in tree:
            p, u, r = memory_kib(pid)
            if p is None:
                pss_known = False
                p = u = 0
            pss, uss, rss = pss + p, uss + u, rss + r
            processes.append(f"{comm(pid)}:{round(p / 1024)}")
        return {
            "ready_ms": ready_ms,
            "loaded_ms": loaded_ms,
            "already_ready": seen["already"],
            "pss_mib": pss / 1024 if pss_known else None,
            "uss_mib": uss / 1024 if pss_known else None,
            "rss_mib": rss / 1024,
            "processes": processes,
        }
    finally:
        stop(driver, base, session, tree)


def find_app(driver_pid, binary):
    """The app's pid: the process running `binary` below tauri-driver."""
    real = os.path.realpath(binary)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for pid in descendants(driver_pid):
            try:
                if os.path.realpath(f"/proc/{pid}/exe") == real:
                    return pid
            except OSError:
                continue
        time.sleep(0.01)
    raise RuntimeError("the app process was not found under tauri-driver")


def stop(driver, base, session, tree):
    """Ends the session, stops the driver's process group, and waits until
    every process of the app's tree has exited, so runs do not overlap."""
    if session:
        try:
            wd("DELETE", f"{base}/session/{session}", timeout=10)
        except HARNESS_ERRORS:
            pass
    # WebKitWebDriver ignores SIGTERM: the group gets SIGKILL.
    try:
        os.killpg(driver.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    driver.wait()
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in tree):
        if time.monotonic() > deadline:
            # A helper that left the group (none seen so far): stop it by id.
            for pid in tree:
                if alive(pid):
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            deadline = time.monotonic() + 5
        time.sleep(0.05)


def measure(case, args, xvfb, settle, what):
    """One start of `case`, tried again on a fresh driver when the harness
    fails; None when every attempt failed."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            result = launch_and_measure(case, args, xvfb, args.workdir, settle)
        except HARNESS_ERRORS as err:
            say(f"{what} {case.label}: attempt {attempt} failed: {err}")
            case.failures.append(str(err))
            continue
        mem = result["pss_mib"] if result["pss_mib"] is not None else result["rss_mib"]
        say(f"{what} {case.label}: ready {result['ready_ms']:.0f} ms, "
            f"loaded {result['loaded_ms']:.0f} ms, memory {mem:.0f} MiB")
        return result
    return None


def backup_path(case):
    """Where Candor's first start of the day copies the journal (off the
    main thread); the measured starts come after it is done."""
    today = datetime.date.today().isoformat()
    stem = os.path.splitext(os.path.basename(case.db))[0]
    return os.path.join(os.path.dirname(case.db), "backups", f"{stem}-{today}.db")


def summarize(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return statistics.median(values), min(values), max(values)


def fmt(summary, digits=0):
    if summary is None:
        return "n/a"
    med, lo, hi = summary
    return f"{med:.{digits}f} ({lo:.{digits}f}–{hi:.{digits}f})"


def ratio(case, bare, key):
    a, b = summarize([r[key] for r in case.runs]), summarize([r[key] for r in bare.runs])
    if not a or not b or not b[0]:
        return None
    return a[0] / b[0]


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            mem = f"{round(int(f.readline().split()[1]) / 1024 / 1024)} GiB RAM"
    except OSError:
        pass
    distro = platform.system()
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    distro = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {mem}; {distro}, Linux {platform.release()}"


def report(cases, args, load_before, load_after):
    bare = next(c for c in cases if c.key == "bare")
    pss_known = all(r["pss_mib"] is not None for c in cases for r in c.runs)
    mem_key = "pss_mib" if pss_known else "rss_mib"
    mem_name = "PSS" if pss_known else "RSS"
    lines = [
        "# Candor start-up and memory against a bare Tauri window",
        "",
        f"- Measured {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')} on {machine()}.",
        f"- {args.versions}; Xvfb {args.xvfb_size}, WebKit compositing "
        + ("disabled (`WEBKIT_DISABLE_COMPOSITING_MODE=1`)" if args.compositing == "off" else "as the apps choose (default: both turn it off when the machine has no GPU render node, /dev/dri/renderD*)")
        + ".",
        f"- {args.runs} measured starts per case after {args.warmup} unmeasured warm-up start(s), cases interleaved; "
        f"memory read {args.settle:g} s after ready. Load average before/after: {load_before} / {load_after}.",
        f"- Reproduce: `{args.command}`",
        "",
        "Median (min–max). *Ready*: from the app process's start (its start time in /proc, "
        "10 ms ticks) to `body[data-ready]` being set, observed in the page (Candor: "
        "the Due view rendered with its data; bare window: its page's script ran). "
        "*Loaded*: to the page's load event. "
        f"*{mem_name}*: summed over the app and all its child processes (WebKitWebProcess, "
        "WebKitNetworkProcess); USS is the private part, RSS counts shared pages in every process.",
        "",
        f"| Case | Ready (ms) | Loaded (ms) | {mem_name} (MiB) | USS (MiB) | RSS (MiB) | Failed starts |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for case in cases:
        r = case.runs
        lines.append(
            f"| {case.label} | {fmt(summarize([x['ready_ms'] for x in r]))} "
            f"| {fmt(summarize([x['loaded_ms'] for x in r]))} "
            f"| {fmt(summarize([x[mem_key] for x in r]))} "
            f"| {fmt(summarize([x['uss_mib'] for x in r]))} "
            f"| {fmt(summarize([x['rss_mib'] for x in r]))} | {len(case.failures)} |"
        )
    lines += [
        "",
        f"| Ratio of medians (target ≤ {args.target:g}× for the 10-year journal) | Ready | {mem_name} | USS | Target met |",
        "|---|---:|---:|---:|---|",
    ]
    met_all = True
    for case in cases:
        if case is bare:
            continue
        t, m, u = ratio(case, bare, "ready_ms"), ratio(case, bare, mem_key), ratio(case, bare, "uss_mib")
        cell = lambda x: "n/a" if x is None else f"{x:.2f}×"
        if case.key == "demo":
            met = t is not None and m is not None and t <= args.target and m <= args.target
            met_all = met
            verdict = "yes" if met else "**no**: " + ", ".join(
                name for name, x in (("time", t), ("memory", m)) if x is None or x > args.target)
        else:
            verdict = "(no target)"
        lines.append(f"| {case.label} / bare window | {cell(t)} | {cell(m)} | {cell(u)} | {verdict} |")
    warm = [f"{c.label}: ready {w['ready_ms']:.0f} ms, {mem_name} {w[mem_key]:.0f} MiB"
            for c in cases for w in c.warmups if w.get(mem_key) is not None]
    if warm:
        lines += ["", "Warm-up starts, not counted (first start on this data folder: WebKit's caches "
                  "are created, Candor creates or migrates the journal and makes the day's backup): "
                  + "; ".join(warm) + "."]
    lines += ["", "Per-process " + mem_name + " (MiB) of the last run of each case: "
              + "; ".join(f"{c.label}: " + ", ".join(c.runs[-1]["processes"]) for c in cases if c.runs) + "."]
    return "\n".join(lines) + "\n", met_all


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candor", required=True)
    parser.add_argument("--bare", required=True)
    parser.add_argument("--demo-db", required=True, help="the generated 10-year journal (copied, never changed)")
    parser.add_argument("--driver", required=True, help="tauri-driver")
    parser.add_argument("--workdir", required=True, help="a folder for the run's journals and XDG folders")
    parser.add_argument("--out", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--settle", type=float, default=3.0)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--compositing", choices=["on", "off"], default="on")
    parser.add_argument("--target", type=float, default=1.2)
    parser.add_argument("--versions", default="")
    parser.add_argument("--command", default="./scripts/bench-app")
    parser.add_argument("--json", help="also write every run's figures here")
    args = parser.parse_args()
    args.xvfb_size = "1440x900x24"

    demo_copy = os.path.join(args.workdir, "demo", "journal", "candor.db")
    os.makedirs(os.path.dirname(demo_copy), exist_ok=True)
    shutil.copyfile(args.demo_db, demo_copy)
    empty_db = os.path.join(args.workdir, "empty", "journal", "candor.db")
    os.makedirs(os.path.dirname(empty_db), exist_ok=True)

    cases = [
        Case("bare", "Bare Tauri window", args.bare),
        Case("empty", "Candor, empty journal", args.candor, db=empty_db),
        Case("demo", "Candor, 60 people × 10 years", args.candor, db=demo_copy),
    ]

    load_before = f"{os.getloadavg()[0]:.2f}"
    xvfb = Xvfb()
    say(f"Xvfb on {xvfb.display}")
    try:
        for i in range(args.warmup):
            for case in cases:
                warm = measure(case, args, xvfb, args.settle, "warm-up")
                if warm:
                    case.warmups.append(warm)
                if case.db:
                    backup = backup_path(case)
                    if not os.path.exists(backup):
                        # The backup thread was stopped with the app: start
                        # once more and give it time, so it is not measured.
                        say(f"  the day's backup is not done yet; one more warm-up start for {case.label}")
                        measure(case, args, xvfb, 30, "warm-up")
                        if not os.path.exists(backup):
                            say(f"  warning: still no {backup}; measured starts will include the backup")
        for i in range(args.runs):
            # Rotate the order so no case always follows the same one.
            order = cases[i % len(cases):] + cases[: i % len(cases)]
            for case in order:
                result = measure(case, args, xvfb, args.settle, f"run {i + 1}/{args.runs}")
                if result:
                    case.runs.append(result)
    finally:
        xvfb.stop()
    load_after = f"{os.getloadavg()[0]:.2f}"

    text, _met = report(cases, args, load_before, load_after)
    with open(args.out, "w") as f:
        f.write(text)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({c.key: {"runs": c.runs, "warmups": c.warmups, "failures": c.failures} for c in cases},
                      f, indent=1)
    print(text)
    # A benchmark, not a test: missing targets is reported, not an error.
    return 2 if any(not c.runs for c in cases) else 0


if __name__ == "__main__":
    sys.exit(main())
