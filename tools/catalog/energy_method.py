#!/usr/bin/env python3
"""The energy method of the CarbonBench catalog (standard library only).

`build_catalog.py` assembles the catalog and then calls `revise(catalog, sources)`, which replaces the
energy figures with the ones described in docs/data.md section 3:

* `energy-estimate-v2`: the estimator for models without an H100 measurement,
  ln E = a + b ln(Pa) + c ln(W), W = total parameters x served weight bits / 16, fitted on the
  ML.ENERGY H100 max_num_seqs-64 measurements plus DeepSeek V3.1 (B200 measurement scaled to H100);
* `b200-scaled-v1`: B200-only measurements put on the H100 basis by the median H100/B200 ratio of the
  models measured on both (same checkpoint, same task, max_num_seqs 64);
* `input-energy-v2`: prefill energy from TensorRT-LLM throughput at different prompt lengths;
* `closed-anchors-v1`: closed models triangulated from our fit, EcoLogits' own method and disclosures;
* `boundary-v1`: the GPU / SERVER / LIFECYCLE accounting boundaries;
* `hardware-v1`: the hardware each offering is believed to run on, and what that means for its figure.

Run it alone for the tables quoted in docs/data.md:

    python3 tools/catalog/energy_method.py --report
"""
import argparse
import math
import statistics
from decimal import ROUND_HALF_UP, Context, Decimal

# ---------------------------------------------------------------------------
# Constants and their sources (every number below is quoted in docs/data.md)
# ---------------------------------------------------------------------------

# Google, Elsworth et al. 2025 (arXiv 2508.15734), full-stack split of the median Gemini Apps prompt.
GOOGLE_SHARE = {"accelerator": 58, "host": 25, "idle": 10, "overhead": 8}
# EcoLogits (ecologits_llm_constants.csv, @2d0a1c7)
ECO_ALPHA, ECO_BETA, ECO_GAMMA = 1.1665273170451914e-06, -0.011205921025579175, 4.052928146734005e-05
ECO_LAT_ALPHA, ECO_LAT_BETA, ECO_LAT_GAMMA = 0.0006785088094353663, 0.0003119310311688259, 0.019473717579473387
ECO_BATCH, ECO_BITS, ECO_GPU_GB, ECO_SERVER_GPUS, ECO_SERVER_KW = 64, 16, 80, 8, 1.2
ECO_GPU_EMBODIED_KG, ECO_SERVER_EMBODIED_KG, ECO_LIFESPAN_H = 164.0, 5700.0, 94608000 / 3600
# Life-cycle assumption: share of an accelerator's life spent serving at its measured power.
UTILISATION = 0.6
# Disclosure conversion: Microsoft's simulation lengths (input fixed 500, output median 300).
ASSUMED_INPUT_TOKENS, ASSUMED_OUTPUT_TOKENS = 500, 300
# Non-GPU accelerators have no per-token measurement in any source: H100 figures are widened.
PROXY_LOW, PROXY_HIGH = 0.5, 2.0

B200_ONLY = {"deepseek-v3.1": ("lm-arena-chat", "deepseek-ai/DeepSeek-V3.1"),
             "deepseek-r1-0528": ("gpqa", "deepseek-ai/DeepSeek-R1-0528"),
             "qwen3-coder-480b-a35b": ("sourcegraph-fim", "Qwen/Qwen3-Coder-480B-A35B-Instruct")}
# Same architecture as a B200-measured model: share its H100-basis figure.
SAME_ARCHITECTURE = {"deepseek-v3": "deepseek-v3.1", "deepseek-r1": "deepseek-r1-0528"}
# Checkpoints published in FP8 by their authors: the estimator assumes the published precision.
NATIVE_FP8 = {"deepseek-v3", "deepseek-r1", "deepseek-v3.1", "deepseek-r1-0528"}
# The extra fit point that brings evidence into the large-MoE regime.
EXTRA_FIT = ["deepseek-v3.1"]

# Provider disclosures (disclosures/provider_disclosures_excerpts.md). Wh per prompt at the
# SERVER boundary including data-centre overhead; pue = the overhead to take out.
DISCLOSURES = [
    dict(id="openai-2025", what="OpenAI: average ChatGPT query, 0.34 Wh (Altman, June 2025)", wh=0.34,
         pue=1.20, models=["gpt-4o"], boundary="server",
         lengths="500 input + 300 output tokens (Microsoft's simulation lengths; OpenAI states none)",
         factor=2.5, factorWhy=("no model, length, PUE or method stated; the average ChatGPT query mixes models (GPT-4o and smaller ones), "
                                "so GPT-4o sits above it; output length assumed (mean and median of an exponential differ 1.44x)")),
    dict(id="google-2025", what="Google: median Gemini Apps text prompt, 0.24 Wh full stack (Elsworth et al. 2025)", wh=0.24,
         pue=1.09, models=["gemini"], boundary="server",
         lengths="500 input + 300 output tokens (assumed; Google states no token counts)",
         factor=2.0, factorWhy="no token counts; TPU serving (proxy); median, not mean"),
    dict(id="microsoft-2026", what="Microsoft: median 0.31 Wh for a >200B model on 8x H100 (Oviedo et al. 2026)", wh=0.31,
         pue=math.sqrt(1.05 * 1.6), models=["llama-3.1-405b"], boundary="server",
         lengths="500 input + 300 output tokens (the study's own lengths), PUE geometric mid of 1.05-1.6",
         factor=3.0, factorWhy="the study serves FP8 with TensorRT-LLM at large dynamic batches (1.5-2.5x more efficient than our vLLM bf16 batch-64 basis) and gives a range 0.16-0.60 Wh"),
]
# Mistral: 1.14 gCO2e per 400-token Le Chat response, life-cycle, location-based (checked in Java).


def round_sig(x: float, digits: int) -> float:
    """Round half away from zero to `digits` significant digits, from the exact binary value.
    Java equivalent: new BigDecimal(x).round(new MathContext(digits, RoundingMode.HALF_UP)).doubleValue()."""
    return float(Context(prec=digits, rounding=ROUND_HALF_UP).plus(Decimal(x)))


def sig4(x: float) -> float:
    return round_sig(x, 4)


def solve_ls(X, y):
    """Ordinary least squares via normal equations (Gauss-Jordan with partial pivoting)."""
    n = len(X[0])
    A = [[sum(r[i] * r[j] for r in X) for j in range(n)] + [sum(r[i] * v for r, v in zip(X, y))] for i in range(n)]
    for c in range(n):
        p = max(range(c, n), key=lambda k: abs(A[k][c]))
        A[c], A[p] = A[p], A[c]
        for k in range(n):
            if k != c:
                f = A[k][c] / A[c][c]
                A[k] = [a - f * b for a, b in zip(A[k], A[c])]
    return [A[i][n] / A[i][i] for i in range(n)]


def factor(p, m):
    """Symmetric error factor: 2.0 means a factor of two too high or too low."""
    return max(p / m, m / p)


def bits_of(hardware):
    h = hardware.lower()
    return 4.25 if "mxfp4" in h else 8.0 if "fp8" in h else 16.0


# ---------------------------------------------------------------------------
# EcoLogits' method (recomputed from its published constants)
# ---------------------------------------------------------------------------

def eco_gpus(total_b):
    need = math.ceil(1.2 * total_b * ECO_BITS / 8 / ECO_GPU_GB)
    return 2 ** math.ceil(math.log2(max(1, need)))


def eco_gpu_wh_per_token(active_b):
    """EcoLogits' Wh per output token of one GPU at batch ECO_BATCH."""
    return ECO_ALPHA * math.exp(ECO_BETA * ECO_BATCH) * active_b + ECO_GAMMA


def eco_gpu_wh_per_1k(active_b, total_b):
    """EcoLogits' GPU-only Wh per 1,000 output tokens (PUE 1)."""
    return 1000 * eco_gpus(total_b) * eco_gpu_wh_per_token(active_b)


def eco_server_ratio(active_b):
    """EcoLogits' (server + GPU) / GPU energy; independent of the GPU count."""
    f_e = eco_gpu_wh_per_token(active_b)
    latency = ECO_LAT_ALPHA * active_b + ECO_LAT_BETA * ECO_BATCH + ECO_LAT_GAMMA
    server_wh = latency / 3600 * ECO_SERVER_KW * 1000 / ECO_SERVER_GPUS / ECO_BATCH
    return 1 + server_wh / f_e


# ---------------------------------------------------------------------------
# The revision
# ---------------------------------------------------------------------------

class Fit:
    def __init__(self, points):
        self.points = points  # id -> (Pa, W, E, family)
        self.raw = self._fit(list(points))
        self.coef = [round_sig(v, 6) for v in self.raw]

    def _fit(self, ids):
        return solve_ls([[1.0, math.log(self.points[i][0]), math.log(self.points[i][1])] for i in ids],
                        [math.log(self.points[i][2]) for i in ids])

    @staticmethod
    def predict(c, pa, w):
        return math.exp(c[0] + c[1] * math.log(pa) + c[2] * math.log(w))

    def errors(self):
        """Per model: in-sample, leave-one-out and leave-family-out predictions."""
        ids = list(self.points)
        out = {}
        for i in ids:
            pa, w, e, fam = self.points[i]
            loo = self._fit([j for j in ids if j != i])
            lfo = self._fit([j for j in ids if self.points[j][3] != fam])
            out[i] = dict(measured=e, insample=self.predict(self.coef, pa, w), loo=self.predict(loo, pa, w),
                          lfo=self.predict(lfo, pa, w))
        return out

    @staticmethod
    def range_factors(errs):
        """(low, high): the extreme measured / leave-one-out ratios of errors(), widened outwards to 3 decimals."""
        ratios = [e["measured"] / e["loo"] for e in errs.values()]
        return math.floor(min(ratios) * 1000) / 1000, math.ceil(max(ratios) * 1000) / 1000


def summary(errs, moe_ids):
    """Median and worst symmetric factor: overall, dense, MoE; for LOO, LFO and in-sample."""
    res = {}
    for kind in ("insample", "loo", "lfo"):
        for group, sel in (("all", list(errs)), ("dense", [i for i in errs if i not in moe_ids]), ("moe", [i for i in errs if i in moe_ids])):
            v = [factor(errs[i][kind], errs[i]["measured"]) for i in sel]
            res[f"{kind}.{group}"] = (round(statistics.median(v), 3), round(max(v), 3))
    return res


def revise(catalog, src):
    """src: the build's Sources (manifest-checked raw files)."""
    mle = src.csv("mlenergy_v3_llm_configurations_flat.csv")
    tput = src.csv("energy/microsoft_aienergy_model_throughput_DB_2025-12.csv")
    models = {m["id"]: m for m in catalog["models"]}
    old_methods = catalog["methods"]
    v1 = old_methods.get("energy-estimate-v1", {})
    v1_fit = list(v1.get("fitModels", []))
    rep = {}

    # ---- H100/B200 ratio: same checkpoint, same task, max_num_seqs 64, fewest-GPU run on each
    runs = {}
    for r in mle:
        if int(r["max_num_seqs"]) == 64 and r["architecture"] != "Mamba-Transformer Hybrid":
            runs.setdefault((r["task"], r["model_id"]), {}).setdefault(r["gpu_model"], []).append(r)
    pairs = {}
    for k, v in sorted(runs.items()):
        if "H100" in v and "B200" in v:
            h = min(v["H100"], key=lambda r: (int(r["num_gpus"]), float(r["gpu_wh_per_1000_output_tokens"])))
            b = min(v["B200"], key=lambda r: (int(r["num_gpus"]), float(r["gpu_wh_per_1000_output_tokens"])))
            pairs[k] = float(h["gpu_wh_per_1000_output_tokens"]) / float(b["gpu_wh_per_1000_output_tokens"])
    h_per_b = round_sig(statistics.median(pairs.values()), 3)
    rep["pairs"] = pairs

    def b200(mid):
        task, ck = B200_ONLY[mid]
        rows = [r for r in mle if r["task"] == task and r["model_id"] == ck and r["gpu_model"] == "B200"]
        wh = lambda r: float(r["gpu_wh_per_1000_output_tokens"])
        c = min((r for r in rows if int(r["max_num_seqs"]) == 64), key=lambda r: int(r["num_gpus"]))
        hi = [r for r in rows if int(r["max_num_seqs"]) == 32 and r["num_gpus"] == c["num_gpus"]]
        return c, min(rows, key=wh), (hi[0] if hi else c), task

    scaled = {}
    for mid in B200_ONLY:
        if mid in models:
            c, lo, hi, task = b200(mid)
            scaled[mid] = dict(central=sig4(float(c["gpu_wh_per_1000_output_tokens"]) * h_per_b),
                               low=sig4(float(lo["gpu_wh_per_1000_output_tokens"]) * min(pairs.values())),
                               high=sig4(float(hi["gpu_wh_per_1000_output_tokens"]) * max(pairs.values())),
                               task=task, b200=float(c["gpu_wh_per_1000_output_tokens"]), gpus=c["num_gpus"],
                               precision=c["weight_precision"])

    # ---- estimator v2
    def weight_bits(m):
        if m["energy"]["basis"] == "measured":
            return bits_of(m["energy"]["hardware"])
        return 8.0 if m["id"] in NATIVE_FP8 else 16.0

    def point(mid):
        m = models[mid]
        p = m["parameters"]
        e = scaled[mid]["central"] if mid in scaled else m["energy"]["outputWhPer1kTokens"]
        return (p["activeBillions"], p["totalBillions"] * weight_bits(m) / 16, e, m["family"])

    fit_ids = [i for i in v1_fit if i in models] + [i for i in EXTRA_FIT if i in models]
    fit = Fit({i: point(i) for i in fit_ids})
    moe_ids = {i for i in fit_ids if models[i]["parameters"]["activeBillions"] < models[i]["parameters"]["totalBillions"]}
    errs = fit.errors()
    rf_low, rf_high = Fit.range_factors(errs)
    after = summary(errs, moe_ids)

    # v1 errors, same metric, for the before/after table (v1 fit points, v1 features, stored values)
    v1_points = {i: (models[i]["parameters"]["activeBillions"], models[i]["parameters"]["totalBillions"],
                     models[i]["energy"]["outputWhPer1kTokens"], models[i]["family"]) for i in v1_fit if i in models}
    before = summary(Fit(v1_points).errors(), moe_ids) if v1_points else {}
    rep["errors"] = errs
    rep["before"], rep["after"] = before, after

    def est(pa, w):
        return Fit.predict(fit.coef, pa, w)

    # ---- prefill: 1/TPS = t_out + (in/out) t_in over TensorRT-LLM runs at several lengths
    trt = {}
    for r in tput:
        if r["Source"].startswith("tensorRT-LLM-") and r["Input Length"] != "Variable":
            trt.setdefault(r["Model"], []).append((int(r["Input Length"]), float(r["Output Length"]), float(r["Tokens per Second (TPS)"])))
    prefill = {}
    for name, v in sorted(trt.items()):
        if len(v) >= 3:
            t_out, t_in = solve_ls([[1.0, i / o] for i, o, _ in v], [1 / t for _, _, t in v])
            prefill[name] = t_in / t_out
    r_prefill = round_sig(statistics.median(prefill.values()), 3)
    measured_fit = [i for i in v1_fit if i in models and models[i]["energy"]["basis"] == "measured"]
    q_low = round_sig(statistics.median(models[i]["energy"]["low"] / models[i]["energy"]["outputWhPer1kTokens"] for i in measured_fit), 3)
    rep["prefill"] = prefill

    # ---- boundary constants
    server_factor = round_sig((GOOGLE_SHARE["accelerator"] + GOOGLE_SHARE["host"] + GOOGLE_SHARE["idle"]) / GOOGLE_SHARE["accelerator"], 4)
    gpu_kw = statistics.median(
        float(r["avg_power_watts"]) / int(r["num_gpus"]) / 1000 for r in mle
        if r["gpu_model"] == "H100" and int(r["max_num_seqs"]) == 64 and r["task"] == "lm-arena-chat")
    gpu_kw = round_sig(gpu_kw, 3)
    embodied_kg = ECO_GPU_EMBODIED_KG + ECO_SERVER_EMBODIED_KG / ECO_SERVER_GPUS
    embodied_g_per_kwh = round_sig(embodied_kg * 1000 / (ECO_LIFESPAN_H * UTILISATION * gpu_kw), 4)

    # ---- models
    for m in catalog["models"]:
        e, p = m["energy"], m["parameters"]
        mid = m["id"]
        notes = [e["note"]] if e.get("note") and e["basis"] == "measured" else []
        if e["basis"] == "measured":
            inp = sig4(r_prefill * e["low"])
            e.update(inputWhPer1kTokens=inp)
        else:
            bits = weight_bits(m)
            src_id = SAME_ARCHITECTURE.get(mid, mid)
            if src_id in scaled:
                s = scaled[src_id]
                central, low, high = s["central"], s["low"], s["high"]
                e.update(method="b200-scaled-v1", hardware="NVIDIA H100 80GB basis (scaled from B200)", source="mlenergy-v3")
                what = "" if src_id == mid else f"Same architecture as {src_id}: its figure is used. "
                notes.append(what + f"ML.ENERGY v3 measured {src_id} only on NVIDIA B200 ({s['task']}, {s['precision']}): {sig4(s['b200'])} Wh/1k at "
                             f"max_num_seqs 64 on {s['gpus']} GPUs; x {h_per_b} (median H100/B200 ratio) = {central} on the H100 basis; "
                             f"low = best B200 configuration x {round(min(pairs.values()), 3)}, high = max_num_seqs 32 x {round(max(pairs.values()), 3)} "
                             f"(lowest and highest ratio over the models measured on both).")
            elif p["totalBillions"] is not None:
                c = est(p["activeBillions"], p["totalBillions"] * bits / 16)
                central, low, high = sig4(c), sig4(c * rf_low), sig4(c * rf_high)
                e.update(method="energy-estimate-v2", hardware="NVIDIA H100 80GB basis (estimated)", source="carbonbench-fit", weightBits=bits)
                if bits != 16:
                    notes.append(f"Estimated at the published {int(bits)}-bit weight precision.")
            else:
                ta, tt = p["assumedActiveBillions"], p["assumedTotalBillions"] or p["assumedActiveBillions"]
                fit_a = dict(low=sig4(est(ta["low"], tt["low"]) * rf_low),
                             central=sig4(est(math.sqrt(ta["low"] * ta["high"]), math.sqrt(tt["low"] * tt["high"]))),
                             high=sig4(est(ta["high"], tt["high"]) * rf_high))
                eco_lo, eco_hi = eco_gpu_wh_per_1k(ta["low"], tt["low"]), eco_gpu_wh_per_1k(ta["high"], tt["high"])
                eco_a = dict(low=sig4(eco_lo), central=sig4(math.sqrt(eco_lo * eco_hi)), high=sig4(eco_hi))
                anchors = [dict(kind="carbonbench-fit", source="carbonbench-fit", **fit_a,
                                how="energy-estimate-v2 on EcoLogits' assumed parameters (central at the geometric midpoints, ends x the range factors)"),
                           dict(kind="ecologits", source="ecologits", **eco_a,
                                how=(f"EcoLogits' method: {eco_gpus(tt['low'])}-{eco_gpus(tt['high'])} H100 x f_E(Pa, batch 64), 16-bit weights, GPU only, "
                                     "low/high at EcoLogits' low/high parameters, central their geometric mean"))]
                for d in DISCLOSURES:
                    if mid in d["models"] or ("gemini" in d["models"] and mid.startswith("gemini")):
                        c = disclosure_gpu_wh_per_1k(d, server_factor, r_prefill * q_low)
                        anchors.append(dict(kind="disclosure", source=d["id"], low=sig4(c / d["factor"]), central=sig4(c),
                                            high=sig4(c * d["factor"]),
                                            how=(f"{d['what']}; {d['lengths']}; Wh / (server factor {server_factor} x PUE {round(d['pue'], 3)} x "
                                                 f"(output + {round_sig(r_prefill * q_low, 3)} x input) / 1000); range x/÷ {d['factor']} ({d['factorWhy']})")))
                central = sig4(math.exp(statistics.mean(math.log(a["central"]) for a in anchors)))
                low = min(a["low"] for a in anchors)
                high = max(a["high"] for a in anchors)
                e.update(method="closed-anchors-v1", hardware="NVIDIA H100 80GB basis (estimated)", source="carbonbench-fit", anchors=anchors)
                notes.append(f"Closed model: central = geometric mean of {len(anchors)} anchors ("
                             + ", ".join(f"{a['kind']} {a['central']}" for a in anchors)
                             + "); the range spans every anchor's range. Parameters are EcoLogits' guesses, not disclosures.")
            e.update(outputWhPer1kTokens=central, low=low, high=high,
                     inputWhPer1kTokens=sig4(r_prefill * q_low * central), basis="estimated")
        e["note"] = " ".join(n for n in notes if n) or None
        # keep a stable key order: anchors last
        for k in ("weightBits", "anchors"):
            if k in e:
                e[k] = e.pop(k)

    # ---- hardware per offering
    for o in catalog["offerings"]:
        m = models[o["model"]]
        kind, detail = hardware_of(o["provider"], m)
        measured = m["energy"]["basis"] == "measured"
        if kind in ("lpu", "tpu", "trainium"):
            basis = "proxy"
        elif kind == "gpu" and measured:
            basis = "measured"
        elif measured:
            basis = "proxy"
        else:
            basis = "estimated"
        o["hardware"] = dict(kind=kind, detail=detail, energyBasis=basis)

    # ---- methods and sources
    methods = {k: v for k, v in old_methods.items() if k not in ("energy-estimate-v1", "input-energy-v1")}
    methods["energy-estimate-v2"] = {
        "description": (
            "GPU-only Wh per 1,000 output tokens on the ML.ENERGY H100 basis (vLLM, max_num_seqs 64), estimated from parameter counts in billions: "
            "E(Pa, W) = exp(a + b*ln(Pa) + c*ln(W)), Pa = active parameters, W = total parameters x served weight bits / 16 (bf16-equivalent weight size; "
            "dense models: Pa = total). Estimates assume the published precision (16 bits; 8 for checkpoints published in FP8). "
            "Coefficients: ordinary least squares of ln(E) over fitPoints (the ML.ENERGY v3 H100 max_num_seqs-64 values as stored in this catalog, and "
            "DeepSeek V3.1's B200 value scaled by b200-scaled-v1), rounded to 6 significant digits. Disclosed parameters: central = E(Pa, W); "
            "low/high = central x rangeFactorLow/High = min/max over fitPoints of measured / leave-one-out prediction, rounded outward to 3 decimals. "
            "Errors are symmetric factors max(pred/meas, meas/pred): median and worst, in-sample, leave-one-out (loo) and leave-family-out (lfo), "
            "overall, dense and MoE."),
        "coefficients": {"a": fit.coef[0], "b": fit.coef[1], "c": fit.coef[2]},
        "rangeFactorLow": rf_low, "rangeFactorHigh": rf_high,
        "fitModels": fit_ids,
        "fitPoints": [dict(model=i, activeBillions=fit.points[i][0], weightBillions=round_sig(fit.points[i][1], 6),
                           whPer1kTokens=fit.points[i][2]) for i in fit_ids],
        "errorFactors": {k: {"median": v[0], "worst": v[1]} for k, v in after.items()},
        "previousErrorFactors": {k: {"median": v[0], "worst": v[1]} for k, v in before.items()},
        "source": "carbonbench-fit",
    }
    methods["b200-scaled-v1"] = {
        "description": (
            "Models measured by ML.ENERGY v3 only on NVIDIA B200, put on the H100 basis: central = B200 max_num_seqs-64 value x ratio, "
            "ratio = median over every checkpoint and task measured on both GPUs of (H100 / B200 max_num_seqs-64 value, fewest-GPU run on each), "
            "rounded to 3 significant digits; low = best B200 configuration x the lowest pair ratio; high = B200 max_num_seqs 32 x the highest pair ratio. "
            "Only runs of the same task are compared."),
        "coefficients": {"ratio": h_per_b, "ratioLow": round(min(pairs.values()), 3), "ratioHigh": round(max(pairs.values()), 3)},
        "pairs": len(pairs),
        "source": "carbonbench-fit",
    }
    methods["input-energy-v2"] = {
        "description": (
            "GPU-only Wh per 1,000 input (prompt) tokens. prefillRatio = median over the models of Microsoft's TensorRT-LLM throughput table "
            "(8x H100, FP8, five input/output length pairs) of t_in / t_out, from the least-squares fit 1/TPS = t_out + (input/output) x t_in "
            "(node time per output token and per prompt token at maximum throughput). At maximum throughput decode runs at large batches, so the "
            "ratio applies to the large-batch decode energy: measured models: input = prefillRatio x low (their best H100 configuration); "
            "estimated models: input = prefillRatio x lowToCentral x central, lowToCentral = median over the measured fit models of low / central. "
            "Rounded to 4 significant digits. Reasoning tokens are output tokens. Cached input tokens are charged as input tokens (an upper bound)."),
        "coefficients": {"prefillRatio": r_prefill, "lowToCentral": q_low, "ratio": round_sig(r_prefill * q_low, 3)},
        "source": "microsoft-aienergy",
    }
    methods["closed-anchors-v1"] = {
        "description": (
            "Models whose architecture is not public: each anchor is an independent GPU-only Wh per 1,000 output tokens on the H100 basis: "
            "carbonbench-fit (energy-estimate-v2 on EcoLogits' assumed parameters), ecologits (EcoLogits' own GPU model recomputed from its constants: "
            "GPUs = 2^ceil(log2(ceil(1.2 x Pt x 2 / 80))), Wh per token = GPUs x (alpha x exp(beta x 64) x Pa + gamma)), and a provider disclosure converted "
            "at stated lengths where one names the model. central = geometric mean of the anchors' centrals; low/high = the lowest low and highest "
            "high of the anchors, so the range covers every anchor. Each model's anchors are listed in energy.anchors."),
        "coefficients": {},
        "source": "carbonbench-fit",
    }
    methods["boundary-v1"] = {
        "description": (
            "Accounting boundaries. GPU: catalog Wh x PUE x grid intensity (accelerator energy only). SERVER (default): GPU energy x server.factor "
            "x PUE x intensity; server.factor = (accelerator + host CPU/DRAM + idle provisioned capacity) / accelerator shares of Google's full-stack "
            "measurement (58 + 25 + 10) / 58; Google's 8 % data-centre overhead is left out because PUE already counts it. LIFECYCLE: SERVER plus "
            "embodied emissions of the accelerator and its share of the host server, per kWh of accelerator energy: "
            "lifecycle.embodiedGramsPerGpuKwh = (gpuEmbodiedKg + serverEmbodiedKg / gpusPerServer) x 1000 / (lifetimeHours x utilisation x gpuPowerKw), "
            "EcoLogits' embodied constants and 3-year lifetime, gpuPowerKw = median H100 power per GPU of the ML.ENERGY lm-arena-chat max_num_seqs-64 runs."),
        "server": {"factor": server_factor, "googleAcceleratorShare": GOOGLE_SHARE["accelerator"], "googleHostShare": GOOGLE_SHARE["host"],
                   "googleIdleShare": GOOGLE_SHARE["idle"], "googleOverheadShare": GOOGLE_SHARE["overhead"],
                   "ecologitsRatioLow": round(min(eco_server_ratio(pa) for pa in (1, 1000)), 3),
                   "ecologitsRatioHigh": round(max(eco_server_ratio(pa) for pa in (1, 1000)), 3)},
        "lifecycle": {"embodiedGramsPerGpuKwh": embodied_g_per_kwh, "gpuEmbodiedKg": ECO_GPU_EMBODIED_KG,
                      "serverEmbodiedKg": ECO_SERVER_EMBODIED_KG, "gpusPerServer": ECO_SERVER_GPUS, "lifetimeHours": ECO_LIFESPAN_H,
                      "utilisation": UTILISATION, "gpuPowerKw": gpu_kw},
        "source": "google-2025",
    }
    methods["hardware-v1"] = {
        "description": (
            "Each offering's hardware.kind is what the provider is believed to serve on (gpu, tpu, lpu, trainium, unknown) and energyBasis says what "
            "its energy figure is on that hardware: measured (an H100 measurement of the model, offered on NVIDIA GPUs), proxy (an H100 figure used "
            "for other or unknown hardware) or estimated. No per-token energy for TPU, LPU or Trainium exists in our sources; for them the energy "
            "range is widened by proxy.low / proxy.high when scoring."),
        "proxy": {"low": PROXY_LOW, "high": PROXY_HIGH},
        "source": "carbonbench",
    }
    catalog["methods"] = {k: methods[k] for k in sorted(methods)}
    catalog["sources"].update(SOURCES)
    catalog["sources"] = {k: catalog["sources"][k] for k in sorted(catalog["sources"])}
    rep.update(h_per_b=h_per_b, r_prefill=r_prefill, q_low=q_low, server_factor=server_factor, embodied=embodied_g_per_kwh,
               gpu_kw=gpu_kw, fit=fit, rf=(rf_low, rf_high), scaled=scaled)
    return rep


def disclosure_gpu_wh_per_1k(d, server_factor, input_ratio):
    """A per-prompt full-stack figure as GPU-only Wh per 1,000 output tokens on our basis."""
    tokens = ASSUMED_OUTPUT_TOKENS + input_ratio * ASSUMED_INPUT_TOKENS
    return d["wh"] / (server_factor * d["pue"] * tokens / 1000)


HARDWARE = {
    "groq": ("lpu", "Groq LPU (Groq's own chips)"),
    "azure-openai": ("gpu", "NVIDIA GPUs (Azure ND H100/H200-class; the GPU type of a deployment is not published)"),
    "azure-ai-foundry": ("gpu", "NVIDIA GPUs (Azure AI Foundry serverless runs on Azure's GPU fleet; the type is not published)"),
    "together": ("gpu", "NVIDIA GPUs (H100/H200/B200 class; not published per model)"),
    "fireworks": ("gpu", "NVIDIA GPUs (H100/H200 class; not published per model)"),
    "aws-bedrock": ("unknown", "not published (Bedrock serves on NVIDIA GPUs, Trainium and Inferentia)"),
    "gcp-vertex": ("unknown", "not published for partner models (Vertex serves on TPUs and NVIDIA GPUs)"),
}


def hardware_of(provider, model):
    if provider == "gcp-vertex" and model["family"] == "gemini":
        return "tpu", "Google TPU (Gemini is served on TPUs)"
    return HARDWARE.get(provider, ("unknown", "not published"))


SOURCES = {
    "google-2025": {"publisher": "Google (Elsworth et al.)", "dataset": "Measuring the environmental impact of delivering AI at Google Scale, arXiv 2508.15734 (0.24 Wh median Gemini Apps prompt; 58/25/10/8 % split)",
                    "year": 2025, "licence": "CC BY 4.0", "url": "https://arxiv.org/abs/2508.15734"},
    "openai-2025": {"publisher": "OpenAI (Sam Altman)", "dataset": "The Gentle Singularity (0.34 Wh per average ChatGPT query)", "year": 2025,
                    "licence": "facts", "url": "https://blog.samaltman.com/the-gentle-singularity"},
    "microsoft-aienergy": {"publisher": "Microsoft (Oviedo et al.)", "dataset": "aienergy_simulation model throughput table and 1B-query runs @95f32b6; Joule 2026 (arXiv 2509.20241)",
                           "year": 2026, "licence": "MIT", "url": "https://github.com/microsoft/aienergy_simulation"},
    "mistral-2025": {"publisher": "Mistral AI (with Carbone 4 and ADEME)", "dataset": "Mistral Large 2 life-cycle analysis: 1.14 gCO2e per 400-token response",
                     "year": 2025, "licence": "facts", "url": "https://mistral.ai/news/our-contribution-to-a-global-environmental-standard-for-ai"},
}


def report(catalog, rep):
    out = ["## H100/B200 pairs (max_num_seqs 64, same task)", "| task | checkpoint | H100/B200 |", "|---|---|---|"]
    out += [f"| {t} | {m} | {v:.3f} |" for (t, m), v in rep["pairs"].items()]
    out.append(f"\nmedian ratio {rep['h_per_b']}; scaled: " + "; ".join(f"{k} {v['central']} ({v['low']}-{v['high']})" for k, v in rep["scaled"].items()))
    out.append("\n## Estimator errors (symmetric factor, median / worst)\n| | before (v1) | after (v2) |\n|---|---|---|")
    for k in rep["after"]:
        b = rep["before"].get(k)
        out.append(f"| {k} | {b[0]} / {b[1]} | {rep['after'][k][0]} / {rep['after'][k][1]} |" if b else f"| {k} | - | {rep['after'][k]} |")
    out.append(f"\ncoefficients {rep['fit'].coef}, range factors {rep['rf']}")
    out.append("\n| model | Pa | W | measured | in-sample | LOO | LFO | LOO factor |\n|---|---|---|---|---|---|---|---|")
    for i, e in rep["errors"].items():
        pa, w, _, _ = rep["fit"].points[i]
        out.append(f"| {i} | {pa:g} | {w:g} | {e['measured']} | {e['insample']:.4f} | {e['loo']:.4f} | {e['lfo']:.4f} | {factor(e['loo'], e['measured']):.3f} |")
    out.append(f"\n## Prefill\nt_in/t_out: " + ", ".join(f"{k} {v:.3f}" for k, v in rep["prefill"].items())
               + f"; median {rep['r_prefill']}; lowToCentral {rep['q_low']}; estimated input ratio {round_sig(rep['r_prefill'] * rep['q_low'], 3)}")
    out.append(f"\n## Boundary\nserver factor {rep['server_factor']}; EcoLogits server ratio "
               + ", ".join(f"Pa {pa}: {eco_server_ratio(pa):.3f}" for pa in (3, 8, 70, 132, 600))
               + f"; GPU power {rep['gpu_kw']} kW; embodied {rep['embodied']} g per GPU kWh")
    out.append("\n## Closed-model anchors (GPU Wh per 1k output tokens)\n| model | fit | EcoLogits | disclosure | central | range |\n|---|---|---|---|---|---|")
    for m in catalog["models"]:
        e = m["energy"]
        if "anchors" in e:
            a = {x["kind"]: x for x in e["anchors"]}
            cell = lambda k: f"{a[k]['central']} ({a[k]['low']}-{a[k]['high']})" if k in a else "-"
            out.append(f"| {m['id']} | {cell('carbonbench-fit')} | {cell('ecologits')} | {cell('disclosure')} | {e['outputWhPer1kTokens']} | {e['low']}-{e['high']} |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--external", default=None, help="directory of the raw files that are not vendored")
    ap.add_argument("--report", action="store_true")
    a = ap.parse_args()
    import build_catalog
    from sources import Sources
    src = Sources(a.external)
    catalog = build_catalog.build(src, False, revise_energy=False)
    rep = revise(catalog, src)
    print(report(catalog, rep))


if __name__ == "__main__":
    main()
