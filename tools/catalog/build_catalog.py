#!/usr/bin/env python3
"""Build the CarbonBench embedded data catalog (schemaVersion 1).

Reads the raw public data files listed in data/sources/MANIFEST.csv -- vendored in
data/sources/, or, where their licence does not allow vendoring, from an external
directory (default ../shared/data/sources beside the repository; --external DIR or
$CARBONBENCH_SOURCES) -- checks each file's sha256, and writes
carbonbench-core/src/main/resources/ai/carbonbench/core/catalog/catalog.json.
--check builds in memory and fails unless the committed catalog is identical.

Python 3.11, standard library only. Hand-curated facts (model aliases,
display names, region cities, chosen Electricity Maps zones, notes, which
price entry belongs to which offering) are literal tables in this file;
every number is read from a source file or computed by a documented method
(see docs/data.md). Run with --report to print the markdown tables that
docs/data.md quotes (fit, errors, price disagreements).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import statistics
import sys
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sources import Sources  # noqa: E402  (tools/catalog/sources.py)
import energy_method  # noqa: E402  (tools/catalog/energy_method.py)
from energy_method import round_sig, sig4  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "carbonbench-core/src/main/resources/ai/carbonbench/core/catalog/catalog.json"
DATA_VERSION = "2026-11-30"  # curation date; Bedrock "Legacy" rows with an EOL before it are dropped
LITELLM_DATE = "2025-09-01"
GENAI_DATE = "2026-08-21"
MODELSDEV_DATE = "2026-07-02"
MLENERGY_DATE = "2026-02-16"  # ML.ENERGY leaderboard index last_updated
# Regional / Data Zone Azure OpenAI price over the Global price; the build asserts every litellm azure/us/<id> vs
# azure/global/<id> pair shows exactly this ratio.
AZURE_REGIONAL_UPLIFT = 1.1

# ---------------------------------------------------------------------------
# Sources (every figure in the catalog names one of these keys)
# ---------------------------------------------------------------------------
SOURCES = {
    "mlenergy-v3": {
        "publisher": "ML.ENERGY initiative (University of Michigan)",
        "dataset": "ML.ENERGY Benchmark v3, LLM configurations (lm-arena-chat, gpqa, sourcegraph-fim tasks; ml-energy/leaderboard public/data @0cd52da)",
        "year": 2026, "licence": "Apache-2.0", "url": "https://ml.energy/leaderboard"},
    "carbonbench-fit": {
        "publisher": "CarbonBench",
        "dataset": "energy-estimate-v1 and input-energy-v1: least-squares fits on ML.ENERGY v3 H100 measurements (tools/catalog/build_catalog.py, docs/data.md)",
        "year": 2026, "licence": "Apache-2.0", "url": "docs/data.md"},
    "carbonbench": {
        "publisher": "CarbonBench",
        "dataset": "Curation choices (zone mapping where sources disagree or are silent, pseudo-regions, Vertex partner-model regions), documented in docs/data.md",
        "year": 2026, "licence": "Apache-2.0", "url": "docs/data.md"},
    "ecologits": {
        "publisher": "GenAI Impact",
        "dataset": "EcoLogits models.json (architecture and parameter counts; ranges for closed models are EcoLogits estimates) @2d0a1c7",
        "year": 2025, "licence": "MPL-2.0", "url": "https://github.com/genai-impact/ecologits"},
    "hf-model-cards": {
        "publisher": "Model publishers on Hugging Face",
        "dataset": "Parameter counts stated on public model cards (facts only)",
        "year": 2025, "licence": "facts (no licence claimed)", "url": "https://huggingface.co"},
    "em-2024-yearly": {
        "publisher": "Electricity Maps",
        "dataset": "2024 Yearly Carbon Intensity Data (Version January 27, 2025), all zones; via nextflow-io/nf-co2footprint ci_yearly_2024_by_location.csv @9f05928",
        "year": 2025, "licence": "ODbL-1.0", "url": "https://www.electricitymaps.com"},
    "em-hourly-profiles": {
        "publisher": "Electricity Maps",
        "dataset": "Hourly carbon intensity 2023 and 2024: UTC-timestamped hourly files (HewlettPackard/sustain-cluster @293fbd1, umassos/decarbonization-potential @3493a63, satrai-lab/cozybench @3337146) and 2023 local-hour means (sustain-cluster); shapes scaled to the 2024 yearly average (docs/data.md section 5)",
        "year": 2025, "licence": "ODbL-1.0", "url": "https://www.electricitymaps.com"},
    "google-region-carbon": {
        "publisher": "Google Cloud",
        "dataset": "GoogleCloudPlatform/region-carbon-info data/yearly/2024.csv @49f3f26: average grid carbon intensity per Google Cloud region (location-based)",
        "year": 2025, "licence": "Apache-2.0", "url": "https://github.com/GoogleCloudPlatform/region-carbon-info"},
    "models-dev": {
        "publisher": "models.dev (anomalyco/models.dev)",
        "dataset": "providers/*/models/**/*.toml @f3fc692 (snapshot 2026-07-02): list prices per provider model id",
        "year": 2026, "licence": "MIT", "url": "https://github.com/anomalyco/models.dev"},
    "azure-foundry-availability": {
        "publisher": "Microsoft (MicrosoftDocs/azure-ai-docs)",
        "dataset": "Azure AI Foundry serverless (MaaS) region availability, region-availability-maas.md @986720a (ms.date 2025-11-24)",
        "year": 2025, "licence": "CC-BY-4.0 (assumed, unverified)", "url": "https://github.com/MicrosoftDocs/azure-ai-docs"},
    "microsoft-aienergy": {
        "publisher": "Microsoft (aienergy_simulation, Oviedo et al., Joule 2026)",
        "dataset": "model_throughput_DB: public tokens-per-second figures for open models on H100/H200 nodes (snapshot @95f32b6, README 'Last update: December, 2025')",
        "year": 2025, "licence": "MIT", "url": "https://github.com/microsoft/aienergy_simulation"},
    "groq-docs": {
        "publisher": "Groq",
        "dataset": "GroqCloud models page (console.groq.com/docs/models), SPEED (T/SEC) column, as copied on 2026-10-01",
        "year": 2026, "licence": "facts from vendor documentation (no licence claimed)", "url": "https://console.groq.com/docs/models"},
    "ccf": {
        "publisher": "Cloud Carbon Footprint (Thoughtworks)",
        "dataset": "Cloud region to Electricity Maps zone mappings (*Regions.ts) @b7a049c",
        "year": 2024, "licence": "Apache-2.0", "url": "https://github.com/cloud-carbon-footprint/cloud-carbon-footprint"},
    "umass": {
        "publisher": "UMass Amherst (umassos/decarbonization-potential)",
        "dataset": "GCP region to Electricity Maps zone mapper (gcp_dc_zonecode_mapper.json) @3493a63",
        "year": 2024, "licence": "Apache-2.0", "url": "https://github.com/umassos/decarbonization-potential"},
    "nf-co2footprint": {
        "publisher": "nf-core / nextflow-io",
        "dataset": "nf-co2footprint AWS region to zone mapping and executor PUE table @9f05928",
        "year": 2026, "licence": "Apache-2.0", "url": "https://github.com/nextflow-io/nf-co2footprint"},
    "aws-sustainability": {
        "publisher": "Amazon Web Services",
        "dataset": "AWS cloud PUE 1.15, as cited in nf-co2footprint executor_machine_pue_mapping.csv",
        "year": 2024, "licence": "fact cited via nf-co2footprint (Apache-2.0)", "url": "https://sustainability.aboutamazon.com/products-services/aws-cloud"},
    "google-datacenters": {
        "publisher": "Google",
        "dataset": "Google data centre PUE 1.10, as cited in nf-co2footprint executor_machine_pue_mapping.csv",
        "year": 2024, "licence": "fact cited via nf-co2footprint (Apache-2.0)", "url": "https://datacenters.google/efficiency/"},
    "azure-sustainability": {
        "publisher": "Microsoft",
        "dataset": "Azure data centre PUE 1.18, as cited in nf-co2footprint executor_machine_pue_mapping.csv",
        "year": 2024, "licence": "fact cited via nf-co2footprint (Apache-2.0)", "url": "https://azure.microsoft.com/en-us/blog/how-microsoft-measures-datacenter-water-and-energy-use-to-improve-azure-cloud-sustainability/"},
    "uptime-2024": {
        "publisher": "Uptime Institute",
        "dataset": "Global Data Center Survey 2024, industry-average PUE 1.56, as cited in nf-co2footprint executor_machine_pue_mapping.csv",
        "year": 2024, "licence": "fact cited via nf-co2footprint (Apache-2.0)", "url": "https://datacenter.uptimeinstitute.com/rs/711-RIA-145/images/2024.GlobalDataCenterSurvey.Report.pdf"},
    "litellm": {
        "publisher": "BerriAI (litellm), copy kept by AgentOps-AI/tokencost @e7f7c19",
        "dataset": "model_prices_and_context_window.json (snapshot 2025-09-01)",
        "year": 2025, "licence": "MIT", "url": "https://github.com/BerriAI/litellm"},
    "genai-prices": {
        "publisher": "Pydantic (pydantic/genai-prices)",
        "dataset": "prices/new_data/v2/data.json @47df840 (snapshot 2026-08-21)",
        "year": 2026, "licence": "MIT", "url": "https://github.com/pydantic/genai-prices"},
    "bedrock-availability": {
        "publisher": "kokes/bedrock-model-availability (scrape of the AWS Bedrock documentation)",
        "dataset": "bedrock-availability.yaml @b0fe884 (2026-08-22): in-Region and cross-Region availability",
        "year": 2026, "licence": "none stated (AWS documentation content; unverified)", "url": "https://docs.aws.amazon.com/bedrock/latest/userguide/models-region-compatibility.html"},
    "azure-availability": {
        "publisher": "Microsoft (MicrosoftDocs/azure-ai-docs)",
        "dataset": "Azure OpenAI model matrix, Standard (regional) deployments, standard-models.md @6e4fb7a",
        "year": 2025, "licence": "CC-BY-4.0 (assumed, unverified)", "url": "https://github.com/MicrosoftDocs/azure-ai-docs"},
    "vertex-docs": {
        "publisher": "Google Cloud",
        "dataset": "Vertex AI generative AI locations / partner-model pages (read by the curator; no machine-readable per-model region list; see docs/data.md)",
        "year": 2025, "licence": "CC-BY-4.0 (Google documentation; unverified)", "url": "https://cloud.google.com/vertex-ai/generative-ai/docs/learn/locations"},
}

FAMILIES = ["llama", "gpt", "claude", "mistral", "gemma", "qwen", "deepseek", "phi", "falcon", "cohere", "gemini"]

# ---------------------------------------------------------------------------
# Models (hand-curated identity; numbers come from the files or the HF table)
# params: ("eco", ecologits_name[, provider]) | ("mle", mlenergy_model_id) | ("hf", total, active)
# energy: ("measured", task, [checkpoints in preference order]) | ("estimated",)
# ---------------------------------------------------------------------------
HF_PARAMS_NOTE = {
    "llama-3.3-70b": "Llama 3.3 70B uses the Llama 3.1 70B architecture (70.55B parameters).",
    "mistral-large-3": "Mistral Large 3 (2512) is an open-weight MoE; 675B total / 41B active parameters per Mistral's model card.",
    "gpt-5.1": "EcoLogits has no entry for GPT-5.1; its guess for GPT-5 is used (same family and price band).",
    "deepseek-r1-distill-llama-70b": "Distilled into Llama-3.3-70B-Instruct (70.55B parameters).",
}

M = []


def model(id, name, family, aliases, params, energy=("estimated",), note=None):
    M.append(dict(id=id, name=name, family=family, aliases=aliases, params=params, energy=energy, note=note))


CHAT, GPQA, FIM = "lm-arena-chat", "gpqa", "sourcegraph-fim"

# llama
model("llama-2-7b", "Llama 2 7B Chat", "llama", ["meta-llama/Llama-2-7b-chat-hf", "meta-llama/Llama-2-7b-hf", "Llama 2 7B"], ("eco", "meta-llama/Llama-2-7b-chat-hf"))
model("llama-2-13b", "Llama 2 13B Chat", "llama", ["meta-llama/Llama-2-13b-chat-hf", "meta-llama/Llama-2-13b-hf", "Llama 2 13B"], ("eco", "meta-llama/Llama-2-13b-chat-hf"))
model("llama-2-70b", "Llama 2 70B Chat", "llama", ["meta-llama/Llama-2-70b-chat-hf", "meta-llama/Llama-2-70b-hf", "Llama 2 70B"], ("eco", "meta-llama/Llama-2-70b-chat-hf"))
model("llama-3-8b", "Llama 3 8B Instruct", "llama", ["meta-llama/Meta-Llama-3-8B-Instruct", "meta-llama/Meta-Llama-3-8B", "Llama 3 8B", "llama3-8b"], ("eco", "meta-llama/Meta-Llama-3-8B-Instruct"))
model("llama-3-70b", "Llama 3 70B Instruct", "llama", ["meta-llama/Meta-Llama-3-70B-Instruct", "meta-llama/Meta-Llama-3-70B", "Llama 3 70B", "llama3-70b"], ("eco", "meta-llama/Meta-Llama-3-70B-Instruct"))
model("llama-3.1-8b", "Llama 3.1 8B Instruct", "llama", ["meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Meta-Llama-3.1-8B-Instruct", "Llama 3.1 8B", "llama3.1-8b", "llama-3-1-8b"], ("eco", "meta-llama/Meta-Llama-3.1-8B-Instruct"), ("measured", CHAT, ["meta-llama/Llama-3.1-8B-Instruct"]))
model("llama-3.1-70b", "Llama 3.1 70B Instruct", "llama", ["meta-llama/Llama-3.1-70B-Instruct", "meta-llama/Meta-Llama-3.1-70B-Instruct", "Llama 3.1 70B", "llama3.1-70b", "llama-3-1-70b"], ("eco", "meta-llama/Meta-Llama-3.1-70B-Instruct"), ("measured", CHAT, ["meta-llama/Llama-3.1-70B-Instruct"]))
model("llama-3.1-405b", "Llama 3.1 405B Instruct", "llama", ["meta-llama/Llama-3.1-405B-Instruct", "meta-llama/Meta-Llama-3.1-405B-Instruct", "meta-llama/Llama-3.1-405B-Instruct-FP8", "Llama 3.1 405B", "llama3.1-405b", "llama-3-1-405b"], ("eco", "meta-llama/Meta-Llama-3.1-405B-Instruct"), ("measured", CHAT, ["meta-llama/Llama-3.1-405B-Instruct", "meta-llama/Llama-3.1-405B-Instruct-FP8"]))
model("llama-3.3-70b", "Llama 3.3 70B Instruct", "llama", ["meta-llama/Llama-3.3-70B-Instruct", "Llama 3.3 70B", "llama3.3-70b", "llama-3-3-70b"], ("hf", 70.55, 70.55), ("measured", CHAT, ["meta-llama/Llama-3.3-70B-Instruct"]))
model("llama-4-scout", "Llama 4 Scout 17B-16E Instruct", "llama", ["meta-llama/Llama-4-Scout-17B-16E-Instruct", "Llama 4 Scout", "llama-4-scout-17b-16e"], ("mle", "meta-llama/Llama-4-Scout-17B-16E-Instruct"), ("measured", CHAT, ["meta-llama/Llama-4-Scout-17B-16E-Instruct"]))
model("llama-4-maverick", "Llama 4 Maverick 17B-128E Instruct", "llama", ["meta-llama/Llama-4-Maverick-17B-128E-Instruct", "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "Llama 4 Maverick", "llama-4-maverick-17b-128e"], ("mle", "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8"), ("measured", CHAT, ["meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8"]))
model("codellama-7b", "Code Llama 7B Instruct", "llama", ["codellama/CodeLlama-7b-Instruct-hf", "meta-llama/CodeLlama-7b-Instruct-hf", "Code Llama 7B"], ("eco", "meta-llama/CodeLlama-7b-Instruct-hf"))
model("codellama-13b", "Code Llama 13B Instruct", "llama", ["codellama/CodeLlama-13b-Instruct-hf", "meta-llama/CodeLlama-13b-Instruct-hf", "Code Llama 13B"], ("eco", "meta-llama/CodeLlama-13b-Instruct-hf"))
model("codellama-34b", "Code Llama 34B Instruct", "llama", ["codellama/CodeLlama-34b-Instruct-hf", "meta-llama/CodeLlama-34b-Instruct-hf", "Code Llama 34B"], ("eco", "meta-llama/CodeLlama-34b-Instruct-hf"))
model("codellama-70b", "Code Llama 70B Instruct", "llama", ["codellama/CodeLlama-70b-Instruct-hf", "meta-llama/CodeLlama-70b-Instruct-hf", "Code Llama 70B"], ("eco", "meta-llama/CodeLlama-70b-Instruct-hf"))
model("llama-guard-3-8b", "Llama Guard 3 8B", "llama", ["meta-llama/Llama-Guard-3-8B", "Llama Guard 3 8B"], ("eco", "meta-llama/Llama-Guard-3-8B"))

# gpt (closed models: EcoLogits parameter guesses)
model("gpt-3.5-turbo", "GPT-3.5 Turbo", "gpt", ["gpt-3.5-turbo-0125", "gpt-35-turbo", "GPT-3.5 Turbo"], ("eco", "gpt-3.5-turbo", "openai"))
model("gpt-4", "GPT-4", "gpt", ["gpt-4-0613", "GPT-4"], ("eco", "gpt-4", "openai"))
model("gpt-4-turbo", "GPT-4 Turbo", "gpt", ["gpt-4-turbo-2024-04-09", "GPT-4 Turbo"], ("eco", "gpt-4-turbo", "openai"))
model("gpt-4o", "GPT-4o", "gpt", ["gpt-4o-2024-05-13", "gpt-4o-2024-08-06", "gpt-4o-2024-11-20", "GPT 4o"], ("eco", "gpt-4o", "openai"))
model("gpt-4o-mini", "GPT-4o mini", "gpt", ["gpt-4o-mini-2024-07-18", "GPT 4o mini"], ("eco", "gpt-4o-mini", "openai"))
model("gpt-4.1", "GPT-4.1", "gpt", ["gpt-4.1-2025-04-14", "GPT 4.1"], ("eco", "gpt-4.1", "openai"))
model("gpt-4.1-mini", "GPT-4.1 mini", "gpt", ["gpt-4.1-mini-2025-04-14", "GPT 4.1 mini"], ("eco", "gpt-4.1-mini", "openai"))
model("gpt-4.1-nano", "GPT-4.1 nano", "gpt", ["gpt-4.1-nano-2025-04-14", "GPT 4.1 nano"], ("eco", "gpt-4.1-nano", "openai"))
model("gpt-5", "GPT-5", "gpt", ["gpt-5-2025-08-07", "GPT 5"], ("eco", "gpt-5", "openai"))
model("gpt-5-mini", "GPT-5 mini", "gpt", ["gpt-5-mini-2025-08-07", "GPT 5 mini"], ("eco", "gpt-5-mini", "openai"))
model("gpt-5-nano", "GPT-5 nano", "gpt", ["gpt-5-nano-2025-08-07", "GPT 5 nano"], ("eco", "gpt-5-nano", "openai"))
model("gpt-5.1", "GPT-5.1", "gpt", ["gpt-5.1-2025-11-13", "GPT 5.1"], ("eco", "gpt-5", "openai"))
model("o1", "OpenAI o1", "gpt", ["o1-2024-12-17", "OpenAI o1"], ("eco", "o1", "openai"))
model("o1-mini", "OpenAI o1-mini", "gpt", ["o1-mini-2024-09-12", "OpenAI o1 mini"], ("eco", "o1-mini", "openai"))
model("o3-mini", "OpenAI o3-mini", "gpt", ["o3-mini-2025-01-31", "OpenAI o3 mini"], ("eco", "o3-mini", "openai"))
model("o4-mini", "OpenAI o4-mini", "gpt", ["o4-mini-2025-04-16", "OpenAI o4 mini"], ("eco", "o4-mini", "openai"))
model("gpt-oss-20b", "gpt-oss-20b", "gpt", ["openai/gpt-oss-20b", "GPT OSS 20B"], ("eco", "openai/gpt-oss-20b"), ("measured", GPQA, ["openai/gpt-oss-20b"]))
model("gpt-oss-120b", "gpt-oss-120b", "gpt", ["openai/gpt-oss-120b", "GPT OSS 120B"], ("eco", "openai/gpt-oss-120b"), ("measured", GPQA, ["openai/gpt-oss-120b"]))

# claude (closed: EcoLogits guesses)
model("claude-3-haiku", "Claude 3 Haiku", "claude", ["claude-3-haiku-20240307", "Claude 3 Haiku"], ("eco", "claude-3-haiku-20240307", "anthropic"))
model("claude-3-sonnet", "Claude 3 Sonnet", "claude", ["claude-3-sonnet-20240229", "Claude 3 Sonnet"], ("eco", "claude-3-sonnet-20240229", "anthropic"))
model("claude-3-opus", "Claude 3 Opus", "claude", ["claude-3-opus-20240229", "claude-3-opus-latest", "Claude 3 Opus"], ("eco", "claude-3-opus-20240229", "anthropic"))
model("claude-3-5-haiku", "Claude 3.5 Haiku", "claude", ["claude-3-5-haiku-20241022", "claude-3-5-haiku-latest", "Claude 3.5 Haiku"], ("eco", "claude-3-5-haiku-20241022", "anthropic"))
model("claude-3-5-sonnet", "Claude 3.5 Sonnet (2024-06-20)", "claude", ["claude-3-5-sonnet-20240620", "Claude 3.5 Sonnet"], ("eco", "claude-3-5-sonnet-20240620", "anthropic"))
model("claude-3-5-sonnet-v2", "Claude 3.5 Sonnet v2 (2024-10-22)", "claude", ["claude-3-5-sonnet-20241022", "claude-3-5-sonnet-latest", "Claude 3.5 Sonnet v2"], ("eco", "claude-3-5-sonnet-20241022", "anthropic"))
model("claude-3-7-sonnet", "Claude 3.7 Sonnet", "claude", ["claude-3-7-sonnet-20250219", "claude-3-7-sonnet-latest", "Claude 3.7 Sonnet"], ("eco", "claude-3-7-sonnet-20250219", "anthropic"))
model("claude-sonnet-4", "Claude Sonnet 4", "claude", ["claude-sonnet-4-20250514", "claude-sonnet-4-0", "claude-4-sonnet", "Claude Sonnet 4"], ("eco", "claude-sonnet-4-20250514", "anthropic"))
model("claude-sonnet-4-5", "Claude Sonnet 4.5", "claude", ["claude-sonnet-4-5-20250929", "Claude Sonnet 4.5"], ("eco", "claude-sonnet-4-5-20250929", "anthropic"))
model("claude-opus-4", "Claude Opus 4", "claude", ["claude-opus-4-20250514", "claude-opus-4-0", "claude-4-opus", "Claude Opus 4"], ("eco", "claude-opus-4-20250514", "anthropic"))
model("claude-opus-4-1", "Claude Opus 4.1", "claude", ["claude-opus-4-1-20250805", "Claude Opus 4.1"], ("eco", "claude-opus-4-1-20250805", "anthropic"))
model("claude-haiku-4-5", "Claude Haiku 4.5", "claude", ["claude-haiku-4-5-20251001", "Claude Haiku 4.5"], ("eco", "claude-haiku-4-5-20251001", "anthropic"))

# gemini (closed: EcoLogits guesses)
model("gemini-2.5-flash", "Gemini 2.5 Flash", "gemini", ["google/gemini-2.5-flash", "gemini-flash-latest", "Gemini 2.5 Flash", "gemini-flash"], ("eco", "gemini-2.5-flash", "google_genai"))
model("gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite", "gemini", ["google/gemini-2.5-flash-lite", "gemini-flash-lite-latest", "Gemini 2.5 Flash Lite"], ("eco", "gemini-2.5-flash-lite", "google_genai"))
model("gemini-2.5-pro", "Gemini 2.5 Pro", "gemini", ["google/gemini-2.5-pro", "Gemini 2.5 Pro"], ("eco", "gemini-2.5-pro", "google_genai"))

# mistral
model("mistral-7b", "Mistral 7B Instruct", "mistral", ["mistralai/Mistral-7B-Instruct-v0.2", "mistralai/Mistral-7B-Instruct-v0.1", "mistralai/Mistral-7B-Instruct-v0.3", "mistralai/Mistral-7B-v0.1", "open-mistral-7b", "Mistral 7B"], ("eco", "mistralai/Mistral-7B-Instruct-v0.2"))
model("ministral-3b", "Ministral 3B (2410)", "mistral", ["ministral-3b-2410", "Ministral 3B"], ("eco", "ministral-3b-2410", "mistralai"))
model("ministral-8b", "Ministral 8B (2410)", "mistral", ["mistralai/Ministral-8B-Instruct-2410", "ministral-8b-2410", "Ministral 8B"], ("eco", "ministral-8b-2410", "mistralai"))
model("mistral-nemo", "Mistral NeMo 12B", "mistral", ["mistralai/Mistral-Nemo-Instruct-2407", "open-mistral-nemo", "Mistral Nemo"], ("eco", "mistralai/Mistral-Nemo-Instruct-2407"))
model("mistral-small", "Mistral Small (24B)", "mistral", ["mistral-small-2503", "mistral-small-2501", "mistralai/Mistral-Small-24B-Instruct-2501", "Mistral Small"], ("eco", "mistral-small-2503", "mistralai"))
model("mistral-medium", "Mistral Medium 3", "mistral", ["mistral-medium-2505", "mistral-medium-2508", "Mistral Medium"], ("eco", "mistral-medium-2505", "mistralai"))
model("mistral-large-2407", "Mistral Large 2 (2407)", "mistral", ["mistralai/Mistral-Large-Instruct-2407", "mistral-large-2407", "Mistral Large 2"], ("eco", "mistralai/Mistral-Large-Instruct-2407"))
model("mistral-large-2411", "Mistral Large (2411)", "mistral", ["mistral-large-2411", "Mistral Large 24.11"], ("eco", "mistral-large-2411", "mistralai"))
model("mistral-large-3", "Mistral Large 3 (2512)", "mistral", ["mistralai/Mistral-Large-3-675B-Instruct-2512", "mistral-large-2512", "mistral-large-latest", "mistral-large", "Mistral Large 3"], ("hf", 675, 41))
model("mixtral-8x7b", "Mixtral 8x7B Instruct", "mistral", ["mistralai/Mixtral-8x7B-Instruct-v0.1", "open-mixtral-8x7b", "Mixtral 8x7B"], ("eco", "mistralai/Mixtral-8x7B-Instruct-v0.1"))
model("mixtral-8x22b", "Mixtral 8x22B Instruct", "mistral", ["mistralai/Mixtral-8x22B-Instruct-v0.1", "open-mixtral-8x22b", "Mixtral 8x22B"], ("eco", "mistralai/Mixtral-8x22B-Instruct-v0.1"))
model("codestral", "Codestral (22B)", "mistral", ["mistralai/Codestral-22B-v0.1", "codestral-2501", "codestral-latest", "Codestral"], ("eco", "codestral-2501", "mistralai"))
model("pixtral-12b", "Pixtral 12B", "mistral", ["pixtral-12b-2409", "Pixtral 12B"], ("eco", "pixtral-12b-2409", "mistralai"))
model("pixtral-large", "Pixtral Large", "mistral", ["pixtral-large-2411", "Pixtral Large"], ("eco", "pixtral-large-2411", "mistralai"))
model("magistral-small", "Magistral Small", "mistral", ["magistral-small-2509", "magistral-small-2506", "Magistral Small"], ("eco", "magistral-small-2509", "mistralai"))
model("magistral-medium", "Magistral Medium", "mistral", ["magistral-medium-2509", "magistral-medium-2506", "Magistral Medium"], ("eco", "magistral-medium-2509", "mistralai"))
model("devstral-small", "Devstral Small", "mistral", ["devstral-small-2507", "devstral-small-2505", "Devstral Small"], ("eco", "devstral-small-2507", "mistralai"))
model("devstral-medium", "Devstral Medium", "mistral", ["devstral-medium-2507", "Devstral Medium"], ("eco", "devstral-medium-2507", "mistralai"))

# gemma
model("gemma-2b", "Gemma 2B", "gemma", ["google/gemma-2b", "google/gemma-2b-it", "Gemma 2B"], ("eco", "google/gemma-2b-it"))
model("gemma-7b", "Gemma 7B", "gemma", ["google/gemma-7b", "google/gemma-7b-it", "Gemma 7B"], ("eco", "google/gemma-7b-it"))
model("gemma-2-2b", "Gemma 2 2B it", "gemma", ["google/gemma-2-2b-it", "Gemma 2 2B"], ("eco", "google/gemma-2-2b-it"))
model("gemma-2-9b", "Gemma 2 9B it", "gemma", ["google/gemma-2-9b-it", "Gemma 2 9B"], ("eco", "google/gemma-2-9b-it"))
model("gemma-2-27b", "Gemma 2 27B it", "gemma", ["google/gemma-2-27b-it", "Gemma 2 27B"], ("eco", "google/gemma-2-27b-it"))
model("gemma-3-1b", "Gemma 3 1B it", "gemma", ["google/gemma-3-1b-it", "Gemma 3 1B"], ("eco", "gemma-3-1b-it", "google_genai"))
model("gemma-3-4b", "Gemma 3 4B it", "gemma", ["google/gemma-3-4b-it", "Gemma 3 4B"], ("eco", "gemma-3-4b-it", "google_genai"))
model("gemma-3-12b", "Gemma 3 12B it", "gemma", ["google/gemma-3-12b-it", "Gemma 3 12B"], ("eco", "gemma-3-12b-it", "google_genai"), ("measured", CHAT, ["google/gemma-3-12b-it"]))
model("gemma-3-27b", "Gemma 3 27B it", "gemma", ["google/gemma-3-27b-it", "Gemma 3 27B"], ("eco", "gemma-3-27b-it", "google_genai"), ("measured", CHAT, ["google/gemma-3-27b-it"]))
model("codegemma-7b", "CodeGemma 7B it", "gemma", ["google/codegemma-7b-it", "CodeGemma 7B"], ("eco", "google/codegemma-7b-it"))

# qwen
model("qwen3-8b", "Qwen3 8B", "qwen", ["Qwen/Qwen3-8B", "Qwen3 8B"], ("mle", "Qwen/Qwen3-8B"), ("measured", CHAT, ["Qwen/Qwen3-8B"]))
model("qwen3-14b", "Qwen3 14B", "qwen", ["Qwen/Qwen3-14B", "Qwen3 14B"], ("mle", "Qwen/Qwen3-14B"), ("measured", CHAT, ["Qwen/Qwen3-14B"]))
model("qwen3-32b", "Qwen3 32B", "qwen", ["Qwen/Qwen3-32B", "Qwen3 32B"], ("mle", "Qwen/Qwen3-32B"), ("measured", CHAT, ["Qwen/Qwen3-32B"]))
model("qwen3-30b-a3b", "Qwen3 30B-A3B Instruct 2507", "qwen", ["Qwen/Qwen3-30B-A3B-Instruct-2507", "Qwen/Qwen3-30B-A3B", "Qwen3 30B A3B"], ("mle", "Qwen/Qwen3-30B-A3B-Instruct-2507"), ("measured", CHAT, ["Qwen/Qwen3-30B-A3B-Instruct-2507"]))
model("qwen3-235b-a22b", "Qwen3 235B-A22B Instruct 2507", "qwen", ["Qwen/Qwen3-235B-A22B-Instruct-2507", "Qwen/Qwen3-235B-A22B-Instruct-2507-FP8", "Qwen/Qwen3-235B-A22B", "Qwen3 235B A22B"], ("mle", "Qwen/Qwen3-235B-A22B-Instruct-2507"), ("measured", CHAT, ["Qwen/Qwen3-235B-A22B-Instruct-2507", "Qwen/Qwen3-235B-A22B-Instruct-2507-FP8"]))
model("qwen3-30b-a3b-thinking", "Qwen3 30B-A3B Thinking 2507", "qwen", ["Qwen/Qwen3-30B-A3B-Thinking-2507", "Qwen3 30B A3B Thinking"], ("mle", "Qwen/Qwen3-30B-A3B-Thinking-2507"), ("measured", GPQA, ["Qwen/Qwen3-30B-A3B-Thinking-2507"]))
model("qwen3-235b-a22b-thinking", "Qwen3 235B-A22B Thinking 2507", "qwen", ["Qwen/Qwen3-235B-A22B-Thinking-2507", "Qwen/Qwen3-235B-A22B-Thinking-2507-FP8", "Qwen3 235B A22B Thinking"], ("mle", "Qwen/Qwen3-235B-A22B-Thinking-2507"), ("measured", GPQA, ["Qwen/Qwen3-235B-A22B-Thinking-2507", "Qwen/Qwen3-235B-A22B-Thinking-2507-FP8"]))
model("qwen3-coder-30b-a3b", "Qwen3 Coder 30B-A3B Instruct", "qwen", ["Qwen/Qwen3-Coder-30B-A3B-Instruct", "Qwen3 Coder 30B A3B"], ("mle", "Qwen/Qwen3-Coder-30B-A3B-Instruct"), ("measured", FIM, ["Qwen/Qwen3-Coder-30B-A3B-Instruct"]))
model("qwen3-coder-480b-a35b", "Qwen3 Coder 480B-A35B Instruct", "qwen", ["Qwen/Qwen3-Coder-480B-A35B-Instruct", "Qwen3 Coder 480B A35B"], ("mle", "Qwen/Qwen3-Coder-480B-A35B-Instruct"))
model("qwen2.5-72b", "Qwen2.5 72B Instruct", "qwen", ["Qwen/Qwen2.5-72B-Instruct", "Qwen2.5 72B"], ("hf", 72.7, 72.7))

# deepseek
model("deepseek-v3", "DeepSeek V3", "deepseek", ["deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-V3-0324", "DeepSeek V3"], ("hf", 671, 37))
model("deepseek-v3.1", "DeepSeek V3.1", "deepseek", ["deepseek-ai/DeepSeek-V3.1", "DeepSeek V3.1", "deepseek-v3-1"], ("mle", "deepseek-ai/DeepSeek-V3.1"))
model("deepseek-r1", "DeepSeek R1", "deepseek", ["deepseek-ai/DeepSeek-R1", "DeepSeek R1"], ("hf", 671, 37))
model("deepseek-r1-0528", "DeepSeek R1 (0528)", "deepseek", ["deepseek-ai/DeepSeek-R1-0528", "DeepSeek R1 0528"], ("mle", "deepseek-ai/DeepSeek-R1-0528"))
model("deepseek-r1-distill-llama-70b", "DeepSeek R1 Distill Llama 70B", "deepseek", ["deepseek-ai/DeepSeek-R1-Distill-Llama-70B", "DeepSeek R1 Distill Llama 70B"], ("hf", 70.55, 70.55))

# phi
model("phi-1", "Phi-1", "phi", ["microsoft/phi-1", "Phi 1"], ("eco", "microsoft/phi-1"))
model("phi-1.5", "Phi-1.5", "phi", ["microsoft/phi-1_5", "Phi 1.5"], ("eco", "microsoft/phi-1_5"))
model("phi-2", "Phi-2", "phi", ["microsoft/phi-2", "Phi 2"], ("hf", 2.7, 2.7))
model("phi-3-mini", "Phi-3 mini", "phi", ["microsoft/Phi-3-mini-4k-instruct", "microsoft/Phi-3-mini-128k-instruct", "Phi 3 mini"], ("eco", "microsoft/Phi-3-mini-4k-instruct"))
model("phi-3-small", "Phi-3 small", "phi", ["microsoft/Phi-3-small-8k-instruct", "microsoft/Phi-3-small-128k-instruct", "Phi 3 small"], ("eco", "microsoft/Phi-3-small-8k-instruct"))
model("phi-3-medium", "Phi-3 medium", "phi", ["microsoft/Phi-3-medium-4k-instruct", "microsoft/Phi-3-medium-128k-instruct", "Phi 3 medium"], ("eco", "microsoft/Phi-3-medium-4k-instruct"))
model("phi-4", "Phi-4", "phi", ["microsoft/phi-4", "Phi 4"], ("hf", 14.7, 14.7))

# falcon
model("falcon-7b", "Falcon 7B", "falcon", ["tiiuae/falcon-7b", "tiiuae/falcon-7b-instruct", "Falcon 7B"], ("hf", 7, 7))
model("falcon-40b", "Falcon 40B", "falcon", ["tiiuae/falcon-40b", "tiiuae/falcon-40b-instruct", "Falcon 40B"], ("hf", 40, 40))
model("falcon-180b", "Falcon 180B", "falcon", ["tiiuae/falcon-180B", "tiiuae/falcon-180B-chat", "Falcon 180B"], ("hf", 180, 180))

# cohere
model("command-r", "Command R (03-2024)", "cohere", ["CohereForAI/c4ai-command-r-v01", "Command R"], ("eco", "CohereForAI/c4ai-command-r-v01"))
model("command-r-08-2024", "Command R (08-2024)", "cohere", ["CohereForAI/c4ai-command-r-08-2024", "Command R 08-2024"], ("eco", "command-r-08-2024", "cohere"))
model("command-r-plus", "Command R+ (04-2024)", "cohere", ["CohereForAI/c4ai-command-r-plus", "Command R+", "Command R Plus"], ("eco", "CohereForAI/c4ai-command-r-plus"))
model("command-r-plus-08-2024", "Command R+ (08-2024)", "cohere", ["CohereForAI/c4ai-command-r-plus-08-2024", "Command R+ 08-2024"], ("eco", "command-r-plus-08-2024", "cohere"))
model("command-r7b", "Command R7B (12-2024)", "cohere", ["command-r7b-12-2024", "CohereForAI/c4ai-command-r7b-12-2024", "Command R7B"], ("eco", "command-r7b-12-2024", "cohere"))
model("command-a", "Command A (03-2025)", "cohere", ["command-a-03-2025", "CohereForAI/c4ai-command-a-03-2025", "Command A"], ("eco", "command-a-03-2025", "cohere"))
model("aya-23-8b", "Aya 23 8B", "cohere", ["CohereForAI/aya-23-8B", "Aya 23 8B"], ("eco", "CohereForAI/aya-23-8B"))
model("aya-23-35b", "Aya 23 35B", "cohere", ["CohereForAI/aya-23-35B", "Aya 23 35B"], ("eco", "CohereForAI/aya-23-35B"))
model("aya-expanse-8b", "Aya Expanse 8B", "cohere", ["CohereForAI/aya-expanse-8b", "c4ai-aya-expanse-8b", "Aya Expanse 8B"], ("eco", "c4ai-aya-expanse-8b", "cohere"))
model("aya-expanse-32b", "Aya Expanse 32B", "cohere", ["CohereForAI/aya-expanse-32b", "c4ai-aya-expanse-32b", "Aya Expanse 32B"], ("eco", "c4ai-aya-expanse-32b", "cohere"))

# Speed of models without their own measurement, from a checkpoint with the same architecture and size.
SPEED_ARCH_PROXY = {"llama-3-70b": "llama-3.1-70b", "llama-3-8b": "llama-3.1-8b", "llama-guard-3-8b": "llama-3.1-8b",
                    "deepseek-r1-distill-llama-70b": "llama-3.3-70b", "deepseek-v3": "deepseek-v3.1", "deepseek-r1": "deepseek-r1-0528"}
# Speed from Microsoft's throughput table (per stream = node tokens/s / average batch): model -> (table model, table source)
MS_THROUGHPUT = {"mistral-large-2407": ("Mistral Large", "ml.energy-chat-results"), "mistral-large-2411": ("Mistral Large", "ml.energy-chat-results"),
                 "mixtral-8x22b": ("Mixtral 8x22B", "ml.energy-chat-results")}

# Measured models kept out of the regression fit (see docs/data.md):
# thinking/coder variants duplicate an architecture already in the fit and run a different task.
FIT_EXCLUDE = {"qwen3-30b-a3b-thinking", "qwen3-235b-a22b-thinking", "qwen3-coder-30b-a3b"}
# Models measured by ML.ENERGY only on B200: estimated, measurement quoted in the note.
B200_ONLY = {"deepseek-v3.1": (CHAT, "deepseek-ai/DeepSeek-V3.1"),
             "deepseek-r1-0528": (GPQA, "deepseek-ai/DeepSeek-R1-0528"),
             "qwen3-coder-480b-a35b": (FIM, "Qwen/Qwen3-Coder-480B-A35B-Instruct")}

# ---------------------------------------------------------------------------
# Providers
# ---------------------------------------------------------------------------
US_ALTS = ["US-NW-BPAT", "US-CAL-CISO", "US-TEX-ERCO", "US-MIDA-PJM", "US-MIDW-MISO"]
PSEUDO_NOTE = ("{p} publishes no data-centre location in our sources. Assumed: the US as a whole "
               "(Electricity Maps zone US, 2024 consumption-based average); alternativeZones span the main US "
               "data-centre grids from the cleanest (BPAT, Pacific Northwest hydro) to MISO, so the range is wide on purpose.")
# Providers that publish no data-centre location (id -> name): each gets the pseudo-region "us" below.
PSEUDO_PROVIDERS = {"together": "Together AI", "groq": "Groq", "fireworks": "Fireworks AI"}
PROVIDERS = [
    dict(id="aws-bedrock", name="Amazon Bedrock", pue=1.15, pueSource="aws-sustainability", location="disclosed",
         locationNote="Region chosen by the caller (endpoint host). Cross-Region inference profiles may run in any region listed in the offering's servedFrom."),
    dict(id="gcp-vertex", name="Google Cloud Vertex AI", pue=1.10, pueSource="google-datacenters", location="disclosed",
         locationNote="Region chosen by the caller (regional endpoint). Partner-model region lists are not machine-readable; see docs/data.md."),
    dict(id="azure-openai", name="Azure OpenAI", pue=1.18, pueSource="azure-sustainability", location="disclosed",
         locationNote="Region of the Standard (regional) deployment chosen by the caller. Global and Data Zone deployments are not modelled."),
    dict(id="azure-ai-foundry", name="Azure AI Foundry (serverless models)", pue=1.18, pueSource="azure-sustainability", location="disclosed",
         locationNote="Region of the serverless (MaaS) deployment chosen by the caller (Azure AI Foundry hub/project region)."),
    *[dict(id=pid, name=name, pue=1.56, pueSource="uptime-2024", location="unknown", locationNote=PSEUDO_NOTE.format(p=name))
      for pid, name in PSEUDO_PROVIDERS.items()],
]

# ---------------------------------------------------------------------------
# Regions: (provider, id, name, city, country, area, zone, alternativeZones, zoneSource, zoneNote)
# ---------------------------------------------------------------------------
R = [
    # AWS Bedrock (zones per CCF; nf-co2footprint is country level)
    ("aws-bedrock", "us-east-1", "US East (N. Virginia)", "Ashburn", "US", "US", "US-MIDA-PJM", [], "ccf", "CCF maps us-east-1 to PJM; nf-co2footprint uses the US country average."),
    ("aws-bedrock", "us-east-2", "US East (Ohio)", "Columbus", "US", "US", "US-MIDA-PJM", ["US-MIDW-MISO"], "ccf", "CCF maps us-east-2 to PJM (central Ohio is PJM territory); several community maps use MISO, kept as alternative."),
    ("aws-bedrock", "us-west-2", "US West (Oregon)", "Boardman", "US", "US", "US-NW-BPAT", ["US-NW-PACW"], "carbonbench", "Primary BPAT (Bonneville, 2024: 76.6 direct / 106.3 LCA): the GSF Real-Time Cloud metadata (2021-2024, reference only) lists us-west-2 under BPA / US-NW-BPAT, and Google's own figure for its Oregon region (us-west1, The Dalles, 79.2 g/kWh) matches BPAT. Disagrees: CCF maps us-west-2 to PacifiCorp West (147.4 / 194.7), kept as alternative so the range spans both."),
    ("aws-bedrock", "ca-central-1", "Canada (Central)", "Montréal", "CA", "OTHER", "CA-QC", [], "ccf", "CCF maps ca-central-1 to Québec."),
    ("aws-bedrock", "sa-east-1", "South America (São Paulo)", "São Paulo", "BR", "OTHER", "BR-CS", [], "ccf", "CCF maps sa-east-1 to Central Brazil."),
    ("aws-bedrock", "eu-west-1", "Europe (Ireland)", "Dublin", "IE", "EU", "IE", [], "ccf", "CCF and nf-co2footprint agree."),
    ("aws-bedrock", "eu-west-2", "Europe (London)", "London", "GB", "EU", "GB", [], "ccf", "CCF and nf-co2footprint agree."),
    ("aws-bedrock", "eu-west-3", "Europe (Paris)", "Paris", "FR", "EU", "FR", [], "ccf", "CCF and nf-co2footprint agree."),
    ("aws-bedrock", "eu-central-1", "Europe (Frankfurt)", "Frankfurt", "DE", "EU", "DE", [], "ccf", "CCF and nf-co2footprint agree."),
    ("aws-bedrock", "eu-north-1", "Europe (Stockholm)", "Stockholm", "SE", "EU", "SE-SE3", ["SE"], "ccf", "CCF uses bidding zone SE3; nf-co2footprint uses Sweden as a whole (SE), kept as alternative."),
    ("aws-bedrock", "eu-south-1", "Europe (Milan)", "Milan", "IT", "EU", "IT-NO", [], "ccf", "CCF maps eu-south-1 to North Italy (nf-co2footprint: IT)."),
    ("aws-bedrock", "ap-southeast-1", "Asia Pacific (Singapore)", "Singapore", "SG", "APAC", "SG", [], "ccf", "CCF and nf-co2footprint agree."),
    ("aws-bedrock", "ap-southeast-4", "Asia Pacific (Melbourne)", "Melbourne", "AU", "APAC", "AU-VIC", [], "carbonbench", "Not in CCF's AWS table; the region is in Victoria, so the state zone AU-VIC (CCF maps Azure's Melbourne region australiasoutheast the same way)."),
    ("aws-bedrock", "eu-south-2", "Europe (Spain)", "Aragón", "ES", "EU", "ES", [], "carbonbench", "Not in CCF's AWS table; Spain is one Electricity Maps zone (ES), so there is no ambiguity."),
    ("aws-bedrock", "ap-southeast-2", "Asia Pacific (Sydney)", "Sydney", "AU", "APAC", "AU-NSW", [], "ccf", "CCF maps ap-southeast-2 to New South Wales (nf-co2footprint: AU)."),
    ("aws-bedrock", "ap-northeast-1", "Asia Pacific (Tokyo)", "Tokyo", "JP", "APAC", "JP-TK", [], "ccf", "CCF and nf-co2footprint agree."),
    ("aws-bedrock", "ap-northeast-2", "Asia Pacific (Seoul)", "Seoul", "KR", "APAC", "KR", [], "ccf", "CCF and nf-co2footprint agree."),
    ("aws-bedrock", "ap-south-1", "Asia Pacific (Mumbai)", "Mumbai", "IN", "APAC", "IN-WE", ["IN"], "ccf", "CCF uses Western India; nf-co2footprint uses mainland India (IN), kept as alternative."),
    # GCP Vertex (CCF and UMass mapper)
    ("gcp-vertex", "us-central1", "Iowa", "Council Bluffs", "US", "US", "US-MIDW-MISO", ["US-CENT-SWPP"], "ccf", "CCF maps us-central1 to MISO; the UMass mapper uses SPP (SWPP). Google's own 2024 grid figure for the region (412.7 g/kWh) is closer to MISO direct (417.1). Range spans both."),
    ("gcp-vertex", "us-east4", "Northern Virginia", "Ashburn", "US", "US", "US-MIDA-PJM", [], "ccf", "CCF and UMass agree."),
    ("gcp-vertex", "us-east5", "Columbus", "Columbus", "US", "US", "US-MIDA-PJM", [], "ccf", "CCF and UMass agree."),
    ("gcp-vertex", "us-west1", "Oregon", "The Dalles", "US", "US", "US-NW-BPAT", ["US-NW-PACW"], "google-region-carbon", "Follows Google's own figure: 2024 grid intensity for us-west1 79.2 g/kWh matches BPAT (76.6 direct), not PacifiCorp West (147.4); the GSF Real-Time Cloud metadata also lists BPA. Disagrees: CCF and the UMass mapper say PACW, kept as alternative."),
    ("gcp-vertex", "us-east1", "South Carolina", "Moncks Corner", "US", "US", "US-CAR-SC", ["US-CAR-SCEG"], "google-region-carbon", "Follows Google's own figure: 2024 grid intensity 575.8 g/kWh matches Santee Cooper (US-CAR-SC, 578.7 direct), the UMass mapper's zone. Disagrees: CCF maps us-east1 to SCEG (376.2), kept as alternative."),
    ("gcp-vertex", "us-south1", "Dallas", "Dallas", "US", "US", "US-TEX-ERCO", [], "ccf", "CCF maps us-south1 to ERCOT; Google 2024 302.9 g/kWh vs ERCOT direct 2024 (EM) within 2 %."),
    ("gcp-vertex", "us-west4", "Las Vegas", "Las Vegas", "US", "US", "US-NW-NEVP", [], "ccf", "CCF maps us-west4 to Nevada Power; Google 2024 357.3 g/kWh vs NEVP direct 352.5."),
    ("gcp-vertex", "northamerica-northeast1", "Montréal", "Montréal", "CA", "OTHER", "CA-QC", [], "ccf", "CCF maps northamerica-northeast1 to Québec; Google 2024 5.5 g/kWh vs CA-QC direct 5.5."),
    ("gcp-vertex", "southamerica-east1", "São Paulo", "São Paulo", "BR", "OTHER", "BR-CS", [], "ccf", "CCF maps southamerica-east1 to Central Brazil; Google 2024 67.3 g/kWh vs BR-CS direct 65.5."),
    ("gcp-vertex", "europe-west3", "Frankfurt", "Frankfurt", "DE", "EU", "DE", [], "ccf", "CCF maps europe-west3 to Germany; Google 2024 275.8 g/kWh vs DE direct 276.6."),
    ("gcp-vertex", "europe-west6", "Zürich", "Zürich", "CH", "EU", "CH", [], "ccf", "CCF maps europe-west6 to Switzerland."),
    ("gcp-vertex", "europe-west8", "Milan", "Milan", "IT", "EU", "IT-NO", [], "ccf", "CCF maps europe-west8 to North Italy."),
    ("gcp-vertex", "europe-west9", "Paris", "Paris", "FR", "EU", "FR", [], "ccf", "CCF maps europe-west9 to France."),
    ("gcp-vertex", "europe-southwest1", "Madrid", "Madrid", "ES", "EU", "ES", [], "ccf", "CCF maps europe-southwest1 to Spain; Google 2024 89.0 g/kWh vs ES direct 89.0."),
    ("gcp-vertex", "europe-north1", "Finland", "Hamina", "FI", "EU", "FI", [], "ccf", "CCF maps europe-north1 to Finland; Google 2024 39.3 g/kWh vs FI direct 43.4."),
    ("gcp-vertex", "europe-central2", "Warsaw", "Warsaw", "PL", "EU", "PL", [], "ccf", "CCF maps europe-central2 to Poland."),
    ("gcp-vertex", "asia-northeast1", "Tokyo", "Tokyo", "JP", "APAC", "JP-TK", [], "ccf", "CCF maps asia-northeast1 to Tokyo."),
    ("gcp-vertex", "asia-northeast3", "Seoul", "Seoul", "KR", "APAC", "KR", [], "ccf", "CCF maps asia-northeast3 to South Korea."),
    ("gcp-vertex", "asia-south1", "Mumbai", "Mumbai", "IN", "APAC", "IN-WE", [], "ccf", "CCF maps asia-south1 to Western India."),
    ("gcp-vertex", "australia-southeast1", "Sydney", "Sydney", "AU", "APAC", "AU-NSW", [], "ccf", "CCF maps australia-southeast1 to New South Wales."),
    ("gcp-vertex", "europe-west1", "Belgium", "St. Ghislain", "BE", "EU", "BE", [], "ccf", "CCF and UMass agree."),
    ("gcp-vertex", "europe-west2", "London", "London", "GB", "EU", "GB", [], "ccf", "CCF and UMass agree."),
    ("gcp-vertex", "europe-west4", "Netherlands", "Eemshaven", "NL", "EU", "NL", [], "ccf", "CCF and UMass agree."),
    ("gcp-vertex", "asia-southeast1", "Singapore", "Singapore", "SG", "APAC", "SG", [], "ccf", "CCF and UMass agree."),
    # Azure OpenAI (CCF)
    ("azure-openai", "eastus", "East US", "Virginia", "US", "US", "US-MIDA-PJM", [], "ccf", "CCF maps East US to PJM."),
    ("azure-openai", "eastus2", "East US 2", "Virginia", "US", "US", "US-MIDA-PJM", [], "ccf", "CCF maps East US 2 to PJM."),
    ("azure-openai", "westus", "West US", "California", "US", "US", "US-CAL-CISO", [], "ccf", "CCF maps West US to CAISO."),
    ("azure-openai", "westus3", "West US 3", "Arizona", "US", "US", "US-NW-PACE", ["US-SW-SRP", "US-SW-AZPS"], "ccf", "CCF maps West US 3 to PacifiCorp East (551.8 direct), but the region is in Arizona (Phoenix area), served by Salt River Project or Arizona Public Service (244.9 / 359.9); no provider figure exists, so the range is widened to span all three."),
    ("azure-openai", "centralus", "Central US", "Iowa", "US", "US", "US-MIDW-MISO", [], "ccf", "CCF maps Central US to MISO."),
    ("azure-openai", "northcentralus", "North Central US", "Illinois", "US", "US", "US-MIDW-MISO", ["US-MIDA-PJM"], "ccf", "CCF maps North Central US to MISO; northern Illinois (Chicago area) is PJM territory (ComEd), kept as alternative."),
    ("azure-openai", "southcentralus", "South Central US", "San Antonio", "US", "US", "US-TEX-ERCO", [], "ccf", "CCF maps South Central US to ERCOT."),
    ("azure-openai", "canadaeast", "Canada East", "Québec City", "CA", "OTHER", "CA-QC", [], "ccf", "CCF maps Canada East to Québec."),
    ("azure-openai", "westeurope", "West Europe", "Netherlands", "NL", "EU", "NL", [], "ccf", "CCF maps West Europe to the Netherlands."),
    ("azure-openai", "northeurope", "North Europe", "Dublin", "IE", "EU", "IE", [], "ccf", "CCF maps North Europe to Ireland."),
    ("azure-openai", "swedencentral", "Sweden Central", "Gävle", "SE", "EU", "SE-SE3", [], "ccf", "CCF maps Sweden Central to bidding zone SE3."),
    ("azure-openai", "uksouth", "UK South", "London", "GB", "EU", "GB", [], "ccf", "CCF maps UK South to Great Britain."),
    ("azure-openai", "francecentral", "France Central", "Paris", "FR", "EU", "FR", [], "ccf", "CCF maps France Central to France."),
    ("azure-openai", "switzerlandnorth", "Switzerland North", "Zürich", "CH", "EU", "CH", [], "ccf", "CCF maps Switzerland North to Switzerland."),
    ("azure-openai", "norwayeast", "Norway East", "Oslo", "NO", "EU", "NO-NO1", [], "ccf", "CCF maps Norway East to bidding zone NO1."),
    ("azure-openai", "japaneast", "Japan East", "Tokyo", "JP", "APAC", "JP-TK", [], "ccf", "CCF maps Japan East to Tokyo."),
    ("azure-openai", "australiaeast", "Australia East", "Sydney", "AU", "APAC", "AU-NSW", [], "ccf", "CCF maps Australia East to New South Wales."),
    ("azure-openai", "southindia", "South India", "Chennai", "IN", "APAC", "IN-SO", [], "ccf", "CCF maps South India to Southern India."),
    ("azure-openai", "southafricanorth", "South Africa North", "Johannesburg", "ZA", "OTHER", "ZA", [], "ccf", "CCF maps South Africa North to South Africa. No chat model is in the Standard (regional) matrix here; kept for user-supplied deployments."),
]

# Azure AI Foundry serverless (MaaS) runs in the data centres of the Azure regions of the same name: the regions
# of its availability table (name -> region id), with the Azure OpenAI rows' zones and notes.
AZURE_REGION_IDS = {"East US": "eastus", "East US 2": "eastus2", "North Central US": "northcentralus", "South Central US": "southcentralus",
                    "West US": "westus", "West US 3": "westus3", "Sweden Central": "swedencentral"}
_AZURE_OPENAI_REGIONS = {r[1]: r for r in R if r[0] == "azure-openai"}
R += [("azure-ai-foundry", *_AZURE_OPENAI_REGIONS[rid][1:]) for rid in AZURE_REGION_IDS.values()]
# Pseudo-regions
R += [(p, "us", "United States (undisclosed data centres)", "undisclosed", "US", "US", "US", US_ALTS, "carbonbench",
       "Assumed zone US (country average); alternatives span the main US data-centre grids. Location not disclosed by the provider.")
      for p in PSEUDO_PROVIDERS]

# Bedrock cross-Region profile groups, by region-id prefix, and preferred source regions.
PROFILE_GROUPS = {
    "us": lambda r: r.startswith("us-east-") or r.startswith("us-west-"),
    "eu": lambda r: r.startswith("eu-"),
    "apac": lambda r: r.startswith("ap-"),
    "jp": lambda r: r in ("ap-northeast-1", "ap-northeast-3"),
    "au": lambda r: r in ("ap-southeast-2", "ap-southeast-4"),
}
PROFILE_SOURCE_PREF = ["us-east-1", "us-east-2", "us-west-2", "eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1",
                       "ap-south-1", "ap-southeast-1", "ap-northeast-2", "ap-northeast-1", "ap-southeast-2"]

# ---------------------------------------------------------------------------
# Offerings (hand-curated mapping of price entries; numbers come from the files)
# Bedrock: (model, bedrock availability name, provider model id, genai id, litellm key, profile prefixes, models.dev id)
#   in-Region offerings are generated for every region of ours where the scrape says in_region
#   (True, or Legacy with EOL after DATA_VERSION); litellm "bedrock/<region>/<id>" keys override.
# ---------------------------------------------------------------------------
BEDROCK = [
    ("llama-3-8b", "Llama 3 8B Instruct", "meta.llama3-8b-instruct-v1:0", "meta.llama3-8b-instruct-v1:0", "meta.llama3-8b-instruct-v1:0", [], None),
    ("llama-3-70b", "Llama 3 70B Instruct", "meta.llama3-70b-instruct-v1:0", "meta.llama3-70b-instruct-v1:0", "meta.llama3-70b-instruct-v1:0", [], None),
    ("llama-3.1-8b", "Llama 3.1 8B Instruct", "meta.llama3-1-8b-instruct-v1:0", "meta.llama3-1-8b-instruct-v1:0", "meta.llama3-1-8b-instruct-v1:0", ["us"], None),
    ("llama-3.1-70b", "Llama 3.1 70B Instruct", "meta.llama3-1-70b-instruct-v1:0", "meta.llama3-1-70b-instruct-v1:0", "meta.llama3-1-70b-instruct-v1:0", ["us"], None),
    ("llama-3.1-405b", "Llama 3.1 405B Instruct", "meta.llama3-1-405b-instruct-v1:0", None, "meta.llama3-1-405b-instruct-v1:0", [], None),
    ("llama-3.3-70b", "Llama 3.3 70B Instruct", "meta.llama3-3-70b-instruct-v1:0", "meta.llama3-3-70b-instruct-v1:0", "meta.llama3-3-70b-instruct-v1:0", ["us"], None),
    ("llama-4-scout", "Llama 4 Scout 17B Instruct", "meta.llama4-scout-17b-instruct-v1:0", "meta.llama4-scout-17b-instruct-v1:0", "meta.llama4-scout-17b-instruct-v1:0", ["us"], "meta.llama4-scout-17b-instruct-v1:0"),
    ("llama-4-maverick", "Llama 4 Maverick 17B Instruct", "meta.llama4-maverick-17b-instruct-v1:0", "meta.llama4-maverick-17b-instruct-v1:0", "meta.llama4-maverick-17b-instruct-v1:0", ["us"], "meta.llama4-maverick-17b-instruct-v1:0"),
    ("mistral-7b", "Mistral 7B Instruct", "mistral.mistral-7b-instruct-v0:2", "mistral.mistral-7b-instruct-v0:2", "mistral.mistral-7b-instruct-v0:2", [], None),
    ("mixtral-8x7b", "Mixtral 8x7B Instruct", "mistral.mixtral-8x7b-instruct-v0:1", "mistral.mixtral-8x7b-instruct-v0:1", "mistral.mixtral-8x7b-instruct-v0:1", [], None),
    ("mistral-large-2407", "Mistral Large 2407", "mistral.mistral-large-2407-v1:0", None, "mistral.mistral-large-2407-v1:0", [], None),
    ("pixtral-large", "Pixtral Large", "mistral.pixtral-large-2502-v1:0", "mistral.pixtral-large-2502-v1:0", None, ["us", "eu"], "mistral.pixtral-large-2502-v1:0"),
    ("magistral-small", "Magistral Small 2509", "mistral.magistral-small-2509", "mistral.magistral-small-2509", None, [], "mistral.magistral-small-2509"),
    ("gemma-3-4b", "Gemma 3 4B IT", "google.gemma-3-4b-it", "google.gemma-3-4b-it", None, [], None),
    ("gemma-3-12b", "Gemma 3 12B IT", "google.gemma-3-12b-it", "google.gemma-3-12b-it", None, [], None),
    ("gemma-3-27b", "Gemma 3 27B PT", "google.gemma-3-27b-it", "google.gemma-3-27b-it", None, [], None),
    ("qwen3-32b", "Qwen3 32B", "qwen.qwen3-32b-v1:0", "qwen.qwen3-32b-v1:0", None, [], None),
    ("qwen3-coder-30b-a3b", "Qwen3-Coder-30B-A3B-Instruct", "qwen.qwen3-coder-30b-a3b-v1:0", "qwen.qwen3-coder-30b-a3b-v1:0", None, [], None),
    ("qwen3-coder-480b-a35b", "Qwen3 Coder 480B A35B Instruct", "qwen.qwen3-coder-480b-a35b-v1:0", "qwen.qwen3-coder-480b-a35b-v1:0", None, [], None),
    ("gpt-oss-20b", "gpt-oss-20b", "openai.gpt-oss-20b-1:0", "openai.gpt-oss-20b-1:0", "openai.gpt-oss-20b-1:0", [], None),
    ("gpt-oss-120b", "gpt-oss-120b", "openai.gpt-oss-120b-1:0", "openai.gpt-oss-120b-1:0", "openai.gpt-oss-120b-1:0", [], None),
    ("deepseek-r1", "DeepSeek-R1", "deepseek.r1-v1:0", "deepseek.r1-v1:0", None, ["us"], "deepseek.r1-v1:0"),
    ("claude-3-haiku", "Claude 3 Haiku", "anthropic.claude-3-haiku-20240307-v1:0", "regional.anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-haiku-20240307-v1:0", [], None),
    ("claude-3-sonnet", "Claude 3 Sonnet", "anthropic.claude-3-sonnet-20240229-v1:0", "regional.anthropic.claude-3-sonnet-20240229-v1:0", "anthropic.claude-3-sonnet-20240229-v1:0", [], None),
    ("claude-3-5-sonnet", "Claude 3.5 Sonnet", "anthropic.claude-3-5-sonnet-20240620-v1:0", "regional.anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic.claude-3-5-sonnet-20240620-v1:0", ["apac"], None),
    ("claude-3-5-sonnet-v2", "Claude 3.5 Sonnet V2:0", "anthropic.claude-3-5-sonnet-20241022-v2:0", "regional.anthropic.claude-3-5-sonnet-20241022-v2:0", "anthropic.claude-3-5-sonnet-20241022-v2:0", ["apac"], None),
    ("claude-3-7-sonnet", "Claude 3.7 Sonnet", "anthropic.claude-3-7-sonnet-20250219-v1:0", "regional.anthropic.claude-3-7-sonnet-20250219-v1:0", "anthropic.claude-3-7-sonnet-20250219-v1:0", [], None),
    ("claude-sonnet-4-5", "Claude Sonnet 4.5", "anthropic.claude-sonnet-4-5-20250929-v1:0", "regional.anthropic.claude-sonnet-4-5-20250929-v1:0", None, ["us", "eu", "jp", "au"], "anthropic.claude-sonnet-4-5-20250929-v1:0"),
    ("claude-haiku-4-5", "Claude Haiku 4.5", "anthropic.claude-haiku-4-5-20251001-v1:0", "regional.anthropic.claude-haiku-4-5-20251001-v1:0", None, [], "anthropic.claude-haiku-4-5-20251001-v1:0"),
    ("claude-opus-4", "Claude Opus 4", "anthropic.claude-opus-4-20250514-v1:0", "regional.anthropic.claude-opus-4-20250514-v1:0", "anthropic.claude-opus-4-20250514-v1:0", ["us"], None),
    ("claude-opus-4-1", "Claude Opus 4.1", "anthropic.claude-opus-4-1-20250805-v1:0", "regional.anthropic.claude-opus-4-1-20250805-v1:0", "anthropic.claude-opus-4-1-20250805-v1:0", ["us"], "anthropic.claude-opus-4-1-20250805-v1:0"),

    ("mistral-large-3", "Mistral Large 3", "mistral.mistral-large-3-675b-instruct", None, None, [], "mistral.mistral-large-3-675b-instruct"),]

# Azure OpenAI Standard (regional): (model, matrix model name, matrix version, provider model id, litellm key, models.dev azure id)
AZURE = [
    ("gpt-4o", "gpt-4o", "2024-11-20", "gpt-4o-2024-11-20", "azure/gpt-4o-2024-11-20", "gpt-4o"),
    ("gpt-4o-mini", "gpt-4o-mini", "2024-07-18", "gpt-4o-mini-2024-07-18", "azure/gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
    ("gpt-4.1", "gpt-4.1", "2025-04-14", "gpt-4.1-2025-04-14", "azure/gpt-4.1-2025-04-14", None),
    ("gpt-4.1-mini", "gpt-4.1-mini", "2025-04-14", "gpt-4.1-mini-2025-04-14", "azure/gpt-4.1-mini-2025-04-14", None),
    ("gpt-4.1-nano", "gpt-4.1-nano", "2025-04-14", "gpt-4.1-nano-2025-04-14", "azure/gpt-4.1-nano-2025-04-14", None),
    ("o1", "o1", "2024-12-17", "o1-2024-12-17", "azure/o1-2024-12-17", None),
    ("o4-mini", "o4-mini", "2025-04-16", "o4-mini-2025-04-16", "azure/o4-mini-2025-04-16", None),
    ("gpt-5.1", "gpt-5.1", "2025-11-13", "gpt-5.1-2025-11-13", None, "gpt-5.1"),
]

# Vertex AI (partner models / MaaS / Gemini): (model, regions, provider model id, genai id (provider google), litellm key, models.dev google-vertex id)
VERTEX_CLAUDE_REGIONS = ["us-east5", "europe-west1"]
VERTEX_MAAS_REGIONS = ["us-central1"]
VERTEX_MISTRAL_REGIONS = ["us-central1", "europe-west4"]
# Gemini 2.5 on Vertex: the US and EU regional endpoints that Google's Gemini 2.5 model pages list (curator reading; a
# subset of the Generative AI locations in SUMMARY.md section d). Other regions and the "global" endpoint: gap.
GEMINI_REGIONS = ["us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west4",
                  "europe-central2", "europe-north1", "europe-southwest1", "europe-west1", "europe-west4", "europe-west8", "europe-west9"]
VERTEX = [
    ("claude-3-haiku", VERTEX_CLAUDE_REGIONS, "claude-3-haiku@20240307", "claude-3-haiku", "vertex_ai/claude-3-haiku@20240307", None),
    ("claude-3-5-haiku", VERTEX_CLAUDE_REGIONS, "claude-3-5-haiku@20241022", "claude-3-5-haiku", "vertex_ai/claude-3-5-haiku@20241022", None),
    ("claude-3-5-sonnet", VERTEX_CLAUDE_REGIONS, "claude-3-5-sonnet@20240620", "claude-3-5-sonnet", "vertex_ai/claude-3-5-sonnet@20240620", None),
    ("claude-3-5-sonnet-v2", VERTEX_CLAUDE_REGIONS, "claude-3-5-sonnet-v2@20241022", "claude-3-5-sonnet", "vertex_ai/claude-3-5-sonnet-v2@20241022", None),
    ("claude-3-7-sonnet", VERTEX_CLAUDE_REGIONS, "claude-3-7-sonnet@20250219", "claude-3-7-sonnet", "vertex_ai/claude-3-7-sonnet@20250219", None),
    ("claude-sonnet-4", VERTEX_CLAUDE_REGIONS, "claude-sonnet-4@20250514", "claude-4-sonnet", "vertex_ai/claude-sonnet-4@20250514", None),
    ("claude-opus-4", VERTEX_CLAUDE_REGIONS, "claude-opus-4@20250514", "claude-4-opus", "vertex_ai/claude-opus-4@20250514", None),
    ("claude-opus-4-1", VERTEX_CLAUDE_REGIONS, "claude-opus-4-1@20250805", None, "vertex_ai/claude-opus-4-1@20250805", None),
    ("claude-3-opus", VERTEX_CLAUDE_REGIONS, "claude-3-opus@20240229", "claude-3-opus", "vertex_ai/claude-3-opus@20240229", None),
    ("llama-3.1-405b", VERTEX_MAAS_REGIONS, "meta/llama-3.1-405b-instruct-maas", None, "vertex_ai/meta/llama-3.1-405b-instruct-maas", None),
    ("llama-3.1-70b", VERTEX_MAAS_REGIONS, "meta/llama-3.1-70b-instruct-maas", None, "vertex_ai/meta/llama-3.1-70b-instruct-maas", None),  # 0/0 preview price: dropped
    ("llama-3.1-8b", VERTEX_MAAS_REGIONS, "meta/llama-3.1-8b-instruct-maas", None, "vertex_ai/meta/llama-3.1-8b-instruct-maas", None),  # 0/0 preview price: dropped
    ("llama-4-maverick", VERTEX_MAAS_REGIONS, "meta/llama-4-maverick-17b-128e-instruct-maas", None, "vertex_ai/meta/llama-4-maverick-17b-128e-instruct-maas", None),
    ("llama-4-scout", VERTEX_MAAS_REGIONS, "meta/llama-4-scout-17b-16e-instruct-maas", None, "vertex_ai/meta/llama-4-scout-17b-16e-instruct-maas", None),
    ("deepseek-r1-0528", VERTEX_MAAS_REGIONS, "deepseek-ai/deepseek-r1-0528-maas", None, "vertex_ai/deepseek-ai/deepseek-r1-0528-maas", None),
    ("qwen3-235b-a22b", VERTEX_MAAS_REGIONS, "qwen/qwen3-235b-a22b-instruct-2507-maas", None, "vertex_ai/qwen/qwen3-235b-a22b-instruct-2507-maas", None),
    ("qwen3-coder-480b-a35b", VERTEX_MAAS_REGIONS, "qwen/qwen3-coder-480b-a35b-instruct-maas", None, "vertex_ai/qwen/qwen3-coder-480b-a35b-instruct-maas", None),
    ("mistral-large-2411", VERTEX_MISTRAL_REGIONS, "mistral-large-2411", None, "vertex_ai/mistral-large-2411", None),
    ("mistral-small", VERTEX_MISTRAL_REGIONS, "mistral-small-2503", None, "vertex_ai/mistral-small-2503", None),
    ("codestral", VERTEX_MISTRAL_REGIONS, "codestral-2501", None, "vertex_ai/codestral-2501", None),
    ("claude-sonnet-4-5", VERTEX_CLAUDE_REGIONS, "claude-sonnet-4-5@20250929", None, None, "claude-sonnet-4-5@20250929"),
    ("claude-haiku-4-5", VERTEX_CLAUDE_REGIONS, "claude-haiku-4-5@20251001", None, None, "claude-haiku-4-5@20251001"),
    ("llama-3.3-70b", VERTEX_MAAS_REGIONS, "meta/llama-3.3-70b-instruct-maas", None, None, "meta/llama-3.3-70b-instruct-maas"),
    ("gemini-2.5-flash", GEMINI_REGIONS, "gemini-2.5-flash", None, None, "gemini-2.5-flash"),
    ("gemini-2.5-flash-lite", GEMINI_REGIONS, "gemini-2.5-flash-lite", None, None, "gemini-2.5-flash-lite"),
    ("gemini-2.5-pro", GEMINI_REGIONS, "gemini-2.5-pro", None, None, "gemini-2.5-pro"),
]

# Azure AI Foundry serverless: (model, name in the availability table, provider model id, models.dev azure id)
FOUNDRY = [
    ("llama-3.3-70b", "Llama 3.3 70B Instruct", "Llama-3.3-70B-Instruct", "llama-3.3-70b-instruct"),
    ("llama-3.1-8b", "Llama 3.1 8B Instruct", "Meta-Llama-3.1-8B-Instruct", "meta-llama-3.1-8b-instruct"),
    ("llama-3.1-405b", "Llama 3.1 405B Instruct", "Meta-Llama-3.1-405B-Instruct", "meta-llama-3.1-405b-instruct"),
    ("phi-4", "Phi-4", "Phi-4", "phi-4"),
    ("mistral-small", "Mistral Small 25.03", "mistral-small-2503", "mistral-small-2503"),
    ("mistral-medium", "Mistral Medium 3 (25.05)", "mistral-medium-2505", "mistral-medium-2505"),
    ("deepseek-r1", "DeepSeek-R1", "DeepSeek-R1", "deepseek-r1"),
    ("deepseek-v3", "DeepSeek-V3-0324", "DeepSeek-V3-0324", "deepseek-v3-0324"),
    ("command-r-08-2024", "Cohere Command R 08-2024", "Cohere-command-r-08-2024", "cohere-command-r-08-2024"),
    ("command-r-plus-08-2024", "Cohere Command R+ 08-2024", "Cohere-command-r-plus-08-2024", "cohere-command-r-plus-08-2024"),
]

# Together / Groq / Fireworks (pseudo-region "us"): (model, provider model id, genai id, litellm key)
TOGETHER = [
    ("llama-2-7b", "meta-llama/Llama-2-7b-chat-hf", "meta-llama/Llama-2-7b-chat-hf", None),
    ("llama-2-13b", "meta-llama/Llama-2-13b-chat-hf", "meta-llama/Llama-2-13b-chat-hf", None),
    ("llama-2-70b", "meta-llama/Llama-2-70b-chat-hf", "meta-llama/Llama-2-70b-chat-hf", None),
    ("llama-3-8b", "meta-llama/Meta-Llama-3-8B-Instruct-Turbo", "meta-llama/Meta-Llama-3-8B-Instruct-Turbo", None),
    ("llama-3-70b", "meta-llama/Meta-Llama-3-70B-Instruct-Turbo", "meta-llama/Meta-Llama-3-70B-Instruct-Turbo", None),
    ("llama-3.1-8b", "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "together_ai/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo"),
    ("llama-3.1-70b", "meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", "meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", "together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo"),
    ("llama-3.1-405b", "meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo", "meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo", "together_ai/meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo"),
    ("llama-3.3-70b", "meta-llama/Llama-3.3-70B-Instruct-Turbo", "meta-llama/Llama-3.3-70B-Instruct-Turbo", "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo"),
    ("llama-4-scout", "meta-llama/Llama-4-Scout-17B-16E-Instruct", "meta-llama/Llama-4-Scout-17B-16E-Instruct", "together_ai/meta-llama/Llama-4-Scout-17B-16E-Instruct"),
    ("llama-4-maverick", "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "together_ai/meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8"),
    ("codellama-7b", "codellama/CodeLlama-7b-Instruct-hf", "codellama/CodeLlama-7b-Instruct-hf", None),
    ("codellama-13b", "codellama/CodeLlama-13b-Instruct-hf", "codellama/CodeLlama-13b-Instruct-hf", None),
    ("codellama-34b", "codellama/CodeLlama-34b-Instruct-hf", "codellama/CodeLlama-34b-Instruct-hf", None),
    ("codellama-70b", "codellama/CodeLlama-70b-Instruct-hf", "codellama/CodeLlama-70b-Instruct-hf", None),
    ("mistral-7b", "mistralai/Mistral-7B-Instruct-v0.2", "mistralai/Mistral-7B-Instruct-v0.2", None),
    ("mixtral-8x7b", "mistralai/Mixtral-8x7B-Instruct-v0.1", "mistralai/Mixtral-8x7B-Instruct-v0.1", "together_ai/mistralai/Mixtral-8x7B-Instruct-v0.1"),
    ("mixtral-8x22b", "mistralai/Mixtral-8x22B-Instruct-v0.1", "mistralai/Mixtral-8x22B-Instruct-v0.1", None),
    ("gemma-2b", "google/gemma-2b", "google/gemma-2b", None),
    ("gemma-7b", "google/gemma-7b", "google/gemma-7b", None),
    ("phi-2", "microsoft/phi-2", "microsoft/phi-2", None),
    ("qwen3-235b-a22b", "Qwen/Qwen3-235B-A22B-fp8-tput", None, "together_ai/Qwen/Qwen3-235B-A22B-fp8-tput"),
    ("qwen3-235b-a22b-thinking", "Qwen/Qwen3-235B-A22B-Thinking-2507", None, "together_ai/Qwen/Qwen3-235B-A22B-Thinking-2507"),
    ("qwen3-coder-480b-a35b", "Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8", None, "together_ai/Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8"),
    ("deepseek-v3", "deepseek-ai/DeepSeek-V3", None, "together_ai/deepseek-ai/DeepSeek-V3"),
    ("deepseek-r1", "deepseek-ai/DeepSeek-R1", None, "together_ai/deepseek-ai/DeepSeek-R1"),
    ("deepseek-r1-0528", "deepseek-ai/DeepSeek-R1-0528-tput", None, "together_ai/deepseek-ai/DeepSeek-R1-0528-tput"),
    ("gpt-oss-20b", "OpenAI/gpt-oss-20B", None, "together_ai/OpenAI/gpt-oss-20B"),
    ("gpt-oss-120b", "openai/gpt-oss-120b", None, "together_ai/openai/gpt-oss-120b"),
]
GROQ = [
    ("llama-2-70b", "llama2-70b-4096", "llama2-70b-4096", "groq/llama2-70b-4096"),
    ("llama-3-8b", "llama3-8b-8192", "llama3-8b-8192", "groq/llama3-8b-8192"),
    ("llama-3-70b", "llama3-70b-8192", "llama3-70b-8192", "groq/llama3-70b-8192"),
    ("llama-3.1-8b", "llama-3.1-8b-instant", "llama-3.1-8b-instant", "groq/llama-3.1-8b-instant"),
    ("llama-3.1-70b", "llama-3.1-70b-versatile", "llama-3.1-70b-versatile", "groq/llama-3.1-70b-versatile"),
    ("llama-3.3-70b", "llama-3.3-70b-versatile", "llama-3.3-70b-versatile", "groq/llama-3.3-70b-versatile"),
    ("llama-4-scout", "meta-llama/llama-4-scout-17b-16e-instruct", "meta-llama/llama-4-scout-17b-16e-instruct", "groq/meta-llama/llama-4-scout-17b-16e-instruct"),
    ("llama-4-maverick", "meta-llama/llama-4-maverick-17b-128e-instruct", "meta-llama/llama-4-maverick-17b-128e-instruct", "groq/meta-llama/llama-4-maverick-17b-128e-instruct"),
    ("llama-guard-3-8b", "llama-guard-3-8b", "llama-guard-3-8b", "groq/llama-guard-3-8b"),
    ("gemma-2-9b", "gemma2-9b-it", "gemma2-9b-it", "groq/gemma2-9b-it"),
    ("qwen3-32b", "qwen/qwen3-32b", "qwen/qwen3-32b", "groq/qwen/qwen3-32b"),
    ("deepseek-r1-distill-llama-70b", "deepseek-r1-distill-llama-70b", "deepseek-r1-distill-llama-70b", "groq/deepseek-r1-distill-llama-70b"),
    ("gpt-oss-20b", "openai/gpt-oss-20b", "openai/gpt-oss-20b", "groq/openai/gpt-oss-20b"),
    ("gpt-oss-120b", "openai/gpt-oss-120b", "openai/gpt-oss-120b", "groq/openai/gpt-oss-120b"),
]
FW = "accounts/fireworks/models/"
FIREWORKS = [
    ("llama-3.1-8b", FW + "llama-v3p1-8b-instruct", "llama-v3p1-8b-instruct", "fireworks_ai/" + FW + "llama-v3p1-8b-instruct"),
    ("llama-3.1-405b", FW + "llama-v3p1-405b-instruct", None, "fireworks_ai/" + FW + "llama-v3p1-405b-instruct"),
    ("llama-4-scout", FW + "llama4-scout-instruct-basic", None, "fireworks_ai/" + FW + "llama4-scout-instruct-basic"),
    ("llama-4-maverick", FW + "llama4-maverick-instruct-basic", "llama4-maverick-instruct-basic", "fireworks_ai/" + FW + "llama4-maverick-instruct-basic"),
    ("mixtral-8x22b", FW + "mixtral-8x22b-instruct-hf", None, "fireworks_ai/" + FW + "mixtral-8x22b-instruct-hf"),
    ("gemma-3-27b", FW + "gemma-3-27b-it", "gemma-3-27b-it", None),
    ("qwen3-235b-a22b", FW + "qwen3-235b-a22b", "qwen3-235b-a22b", None),
    ("deepseek-v3", FW + "deepseek-v3", None, "fireworks_ai/" + FW + "deepseek-v3"),
    ("deepseek-v3.1", FW + "deepseek-v3p1", None, "fireworks_ai/" + FW + "deepseek-v3p1"),
    ("deepseek-r1", FW + "deepseek-r1", None, "fireworks_ai/" + FW + "deepseek-r1"),
    ("deepseek-r1-0528", FW + "deepseek-r1-0528", "deepseek-r1-0528", "fireworks_ai/" + FW + "deepseek-r1-0528"),
    ("gpt-oss-20b", FW + "gpt-oss-20b", "gpt-oss-20b", "fireworks_ai/" + FW + "gpt-oss-20b"),
    ("gpt-oss-120b", FW + "gpt-oss-120b", "gpt-oss-120b", "fireworks_ai/" + FW + "gpt-oss-120b"),
]
# genai-prices entries without a prices_checked date (per SOURCES.md) lose to a dated litellm entry.
GENAI_UNCHECKED = {("together", "mistralai/Mixtral-8x7B-Instruct-v0.1")}
# Entries the source summary flags as probably retired (no status flag in the price files): not offered.
EXCLUDED_OFFERINGS = {("groq", "mixtral-8x7b-32768"): "probably retired (flagged in SUMMARY.md); no status flag in the price files",
                      ("groq", "gemma-7b-it"): "probably retired (flagged in SUMMARY.md)",
                      ("together", "meta-llama/Llama-3-8b-chat-hf"): "probably retired (flagged in SUMMARY.md)",
                      ("together", "meta-llama/Llama-3-70b-chat-hf"): "probably retired (flagged in SUMMARY.md)",
                      ("groq", "llama-3.1-405b-reasoning"): "never generally available; price identical to the 70B entry",
                      ("together", "Qwen/Qwen3-235B-A22B-Instruct-2507-tput"): "litellm output price 6.0 $/M looks like a data-entry error (0.6 expected)"}

# ---------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------


def build(src: Sources, report: bool, revise_energy: bool = True):
    rep = []  # markdown report lines

    # ---- load raw files
    mle_rows = src.csv("mlenergy_v3_llm_configurations_flat.csv")
    eco = json.loads(src.text("ecologits_models.json"))["models"]
    em_year = {r["Zone id"]: r for r in src.csv("electricitymaps_2024_yearly_all_zones.csv")}
    prof_rows = src.csv("electricitymaps_hourly_profile_24h_2023-2024.csv")
    litellm = json.loads(src.text("litellm_model_prices_2025-09-01.json"))
    genai = {p["id"]: {m["id"]: m for m in p["models"]} for p in json.loads(src.text("genai_prices_v2_data.json"))}
    bed_rows = src.csv("bedrock_model_region_availability.csv")
    az_rows = src.csv("azure_openai_standard_regional_model_availability.csv")
    ccf_rows = src.csv("ccf_grid_emission_factors_and_em_zones.csv")
    umass = json.loads(src.text("umass_gcp_region_to_em_zone.json"))
    nf_pue = {r["executor"]: float(r["pue"]) for r in src.csv("nfco2_cloud_pue.csv")}
    modelsdev = {(r["provider"], r["model_id"]): r for r in src.csv("prices/modelsdev_provider_models_2026-07-02.csv")}
    foundry_rows = src.csv("availability/azure_foundry_serverless_maas_region_availability_2025-11-24.csv")
    ms_rows = src.csv("energy/microsoft_aienergy_model_throughput_DB_2025-12.csv")

    # ---- sanity: PUE figures and zone mappings agree with the files we cite
    assert nf_pue["awsbatch"] == 1.15 and nf_pue["azurebatch"] == 1.18 and nf_pue["google-batch"] == 1.1 and nf_pue["cloud"] == 1.56
    ccf_zone = {(r["provider"], r["region"].lower()): r["ccf_electricity_maps_zone"] for r in ccf_rows}
    prov_ccf = {"aws-bedrock": "aws", "gcp-vertex": "gcp", "azure-openai": "azure", "azure-ai-foundry": "azure"}
    google_2024 = {r["Google Cloud Region"]: float(r["Grid carbon intensity (gCO2eq / kWh)"]) for r in src.csv("gcp_region_carbon_2024.csv")}
    zone_checks = []  # (region, google figure, [(zone, EM 2024 direct)]) for the report
    for (p, rid, _n, _c, _cc, _a, zone, alts, zsrc, _note) in R:
        if zsrc == "ccf":
            assert ccf_zone.get((prov_ccf[p], rid)) == zone, (p, rid, zone, ccf_zone.get((prov_ccf[p], rid)))
        if p == "gcp-vertex" and rid in umass and umass[rid] in em_year:
            um = umass[rid]
            assert um == zone or um in alts, (rid, um)
        if p == "gcp-vertex" and rid in google_2024:
            # zone rule for GCP: the primary zone is the candidate whose EM 2024 direct value is closest to Google's own figure
            g = google_2024[rid]
            cands = [(z, float(em_year[z]["Carbon intensity gCO₂eq/kWh (direct)"])) for z in [zone] + list(alts)]
            assert min(cands, key=lambda c: abs(c[1] - g))[0] == zone, (rid, g, cands)
            zone_checks.append((rid, g, cands))

    # ---- parameters
    eco_idx = {}
    for m in eco:
        eco_idx.setdefault(m["name"], []).append(m)

    def eco_lookup(name, provider=None):
        cands = [m for m in eco_idx[name] if provider is None or m["provider"] == provider]
        assert len(cands) >= 1, name
        return cands[0]

    mle_params = {}
    for r in mle_rows:
        mle_params[r["model_id"]] = (float(r["total_params_billions"]), float(r["activated_params_billions"]))

    def params_of(spec):
        kind = spec[0]
        if kind == "hf":
            return dict(totalBillions=float(spec[1]), activeBillions=float(spec[2]), assumedTotalBillions=None,
                        assumedActiveBillions=None, assumption=None, source="hf-model-cards")
        if kind == "mle":
            t, a = mle_params[spec[1]]
            return dict(totalBillions=t, activeBillions=a, assumedTotalBillions=None, assumedActiveBillions=None,
                        assumption=None, source="mlenergy-v3")
        m = eco_lookup(spec[1], spec[2] if len(spec) > 2 else None)
        arch = m["architecture"]
        p = arch["parameters"]
        if arch["type"] == "dense":
            if isinstance(p, dict):
                rng = {"low": float(p["min"]), "high": float(p["max"])}
                return dict(totalBillions=None, activeBillions=None, assumedTotalBillions=rng, assumedActiveBillions=dict(rng),
                            assumption=f"Parameter count not disclosed; EcoLogits' guess for '{m['name']}' (dense, {p['min']}-{p['max']}B), used as the estimation range.",
                            source="ecologits")
            return dict(totalBillions=float(p), activeBillions=float(p), assumedTotalBillions=None, assumedActiveBillions=None,
                        assumption=None, source="ecologits")
        tot, act = p["total"], p["active"]
        if isinstance(act, dict) or isinstance(tot, dict):
            trng = {"low": float(tot["min"]), "high": float(tot["max"])} if isinstance(tot, dict) else {"low": float(tot), "high": float(tot)}
            arng = {"low": float(act["min"]), "high": float(act["max"])} if isinstance(act, dict) else {"low": float(act), "high": float(act)}
            return dict(totalBillions=None, activeBillions=None, assumedTotalBillions=trng, assumedActiveBillions=arng,
                        assumption=(f"Architecture not disclosed; EcoLogits' guess for '{m['name']}' (MoE, {trng['low']:g}"
                                    + (f"-{trng['high']:g}" if trng['high'] != trng['low'] else "")
                                    + f"B total, {arng['low']:g}-{arng['high']:g}B active), used as the estimation range."),
                        source="ecologits")
        return dict(totalBillions=float(tot), activeBillions=float(act), assumedTotalBillions=None, assumedActiveBillions=None,
                    assumption=None, source="ecologits")

    # ---- ML.ENERGY configurations
    cfg = {}
    for r in mle_rows:
        cfg.setdefault((r["task"], r["model_id"]), []).append(r)

    def wh(r):
        return float(r["gpu_wh_per_1000_output_tokens"])

    def measured_point(task, ckpts):
        """central = bs64 run with the fewest GPUs on the first checkpoint that has an H100 bs64 run;
        low = lowest H100 config over all listed checkpoints; high = bs32 on the same checkpoint and GPU count."""
        for ck in ckpts:
            h = [r for r in cfg.get((task, ck), []) if r["gpu_model"] == "H100"]
            b64 = [r for r in h if int(r["max_num_seqs"]) == 64]
            if b64:
                c = min(b64, key=lambda r: (int(r["num_gpus"]), wh(r)))
                n64 = sorted({int(r["num_gpus"]) for r in b64})
                b32 = [r for r in h if int(r["max_num_seqs"]) == 32 and r["num_gpus"] == c["num_gpus"]]
                assert len(b32) == 1, (task, ck)
                allh = [r for k in ckpts for r in cfg.get((task, k), []) if r["gpu_model"] == "H100"]
                lo = min(allh, key=wh)
                return dict(ckpt=ck, central=c, high=b32[0], low=lo, bs64_gpu_counts=n64)
        raise SystemExit(f"no H100 bs64 run for {ckpts}")

    measured = {}
    for m in M:
        if m["energy"][0] == "measured":
            measured[m["id"]] = measured_point(m["energy"][1], m["energy"][2])

    # ---- fit energy-estimate-v1: ln E = a + b ln(P_active) + c ln(P_total), OLS on H100 bs64 points
    pinfo = {m["id"]: params_of(m["params"]) for m in M}
    fit_ids = [m["id"] for m in M if m["id"] in measured and m["id"] not in FIT_EXCLUDE]
    # fit on the values exactly as the catalog stores them (4 significant digits), so that anyone can
    # refit the method from catalog.json alone and get the same coefficients, errors and range factors
    # the same log-linear fit as energy_method's estimator, with Pt in place of W
    fam = {m["id"]: m["family"] for m in M}
    pts = {i: (pinfo[i]["activeBillions"], pinfo[i]["totalBillions"], sig4(wh(measured[i]["central"])), fam[i]) for i in fit_ids}
    v1_fit = energy_method.Fit(pts)
    raw = v1_fit.raw
    A, B, C = v1_fit.coef

    def est(pa, pt):
        return energy_method.Fit.predict(v1_fit.coef, pa, pt)

    loo_ratio, loo_err, ins_err = {}, {}, {}
    v1_errs = v1_fit.errors()
    for i, e in v1_errs.items():
        loo_ratio[i] = e["measured"] / e["loo"]
        loo_err[i] = abs(e["loo"] / e["measured"] - 1) * 100
        ins_err[i] = abs(e["insample"] / e["measured"] - 1) * 100
    rf_low, rf_high = energy_method.Fit.range_factors(v1_errs)
    med_loo, worst_loo = statistics.median(loo_err.values()), max(loo_err.values())
    med_in, worst_in = statistics.median(ins_err.values()), max(ins_err.values())

    # out-of-sample checks: measured models excluded from the fit
    oos = {}
    for i in measured:
        if i in FIT_EXCLUDE:
            p = pinfo[i]
            e = est(p["activeBillions"], p["totalBillions"])
            oos[i] = (wh(measured[i]["central"]), e, abs(e / wh(measured[i]["central"]) - 1) * 100)

    # ---- input-energy-v1: ratio = median over fit models of (lowest H100 config / bs64 central)
    ratios = {i: sig4(wh(measured[i]["low"])) / sig4(wh(measured[i]["central"])) for i in fit_ids}
    in_ratio = round_sig(statistics.median(ratios.values()), 3)

    methods = {
        "energy-estimate-v1": {
            "description": (
                "GPU-only Wh per 1,000 output tokens on the ML.ENERGY H100 basis (vLLM, max_num_seqs 64), estimated from parameter counts in billions: "
                "E(Pa, Pt) = exp(a + b*ln(Pa) + c*ln(Pt)), Pa = active parameters, Pt = total parameters (dense models: Pa = Pt). "
                "Coefficients: ordinary least squares of ln(E) on [1, ln Pa, ln Pt] over the ML.ENERGY v3 H100 max_num_seqs=64 values of the models in fitModels "
                "(lm-arena-chat task; gpqa for gpt-oss), taken as stored in this catalog (outputWhPer1kTokens and parameters of those models), "
                "rounded to 6 significant digits; catalog values are computed from the rounded coefficients. "
                "Disclosed parameters: central = E(Pa, Pt); low = E(Pa, Pt)*rangeFactorLow; high = E(Pa, Pt)*rangeFactorHigh. "
                "Undisclosed parameters (assumedActiveBillions/assumedTotalBillions {low, high}): central = E(sqrt(Pa.low*Pa.high), sqrt(Pt.low*Pt.high)) (geometric midpoints); "
                "low = E(Pa.low, Pt.low)*rangeFactorLow; high = E(Pa.high, Pt.high)*rangeFactorHigh. "
                "rangeFactorLow/High = min/max over fitModels of measured/leave-one-out prediction, rounded outward to 3 decimals. "
                "Every stored Wh value is rounded to 4 significant digits, half away from zero, from the exact double "
                "(Java: new BigDecimal(x).round(new MathContext(4, RoundingMode.HALF_UP)).doubleValue()). "
                "Errors: medianAbsErrorPercent/worstAbsErrorPercent are leave-one-out; in-sample values are in inSampleMedianAbsErrorPercent/inSampleWorstAbsErrorPercent."),
            "coefficients": {"a": A, "b": B, "c": C},
            "rangeFactorLow": rf_low, "rangeFactorHigh": rf_high,
            "fitModels": fit_ids,
            "medianAbsErrorPercent": round(med_loo, 1), "worstAbsErrorPercent": round(worst_loo, 1),
            "inSampleMedianAbsErrorPercent": round(med_in, 1), "inSampleWorstAbsErrorPercent": round(worst_in, 1),
            "source": "carbonbench-fit",
        },
        "input-energy-v1": {
            "description": (
                "GPU-only Wh per 1,000 input (prompt) tokens = ratio * outputWhPer1kTokens (the stored central value), rounded to 4 significant digits as above; "
                "applied to every model, measured or estimated. Prefill processes all prompt tokens of a request in one compute-bound pass, whereas decode at "
                "max_num_seqs 64 is memory-bandwidth-bound; the closest compute-bound regime ML.ENERGY measures is the most efficient (largest-batch) H100 "
                "configuration. ratio = median over fitModels of (low / outputWhPer1kTokens as stored, i.e. lowest H100 configuration / max_num_seqs-64 value), "
                "rounded to 3 significant digits. "
                "It is an upper-leaning estimate (prefill is usually cheaper than large-batch decode); see docs/data.md for the uncertainty."),
            "coefficients": {"ratio": in_ratio},
            "source": "carbonbench-fit",
        },
    }

    # ---- models
    models_out = []
    for m in M:
        p = pinfo[m["id"]]
        note = None
        if m["id"] in measured:
            mp = measured[m["id"]]
            c, hi, lo = mp["central"], mp["high"], mp["low"]
            task = m["energy"][1]
            prec = c["weight_precision"]
            hw = f"{c['num_gpus']}x NVIDIA H100 80GB, vLLM, max_num_seqs 64" + ("" if prec == "bfloat16" else f", {prec} weights")
            central = sig4(wh(c))
            parts = [f"ML.ENERGY v3 {task} task"]
            if task == GPQA:
                parts.append("(reasoning model: GPQA is its only ML.ENERGY task; long outputs)")
            if task == FIM:
                parts.append("(code model: sourcegraph-fim fill-in-the-middle is its only ML.ENERGY task)")
            parts.append(f"checkpoint {mp['ckpt']}")
            s = "; central = max_num_seqs 64 on " + f"{c['num_gpus']} GPU(s)"
            if len(mp["bs64_gpu_counts"]) > 1:
                s += f" (bs64 runs exist on {', '.join(map(str, mp['bs64_gpu_counts']))} GPUs; fewest-GPU run used)"
            parts.append(s)
            parts.append(f"; low = best H100 configuration ({lo['model_id'].split('/')[-1]}, {lo['num_gpus']} GPU(s), max_num_seqs {lo['max_num_seqs']})")
            parts.append(f"; high = max_num_seqs 32 on the same {hi['num_gpus']} GPU(s).")
            note = " ".join(parts).replace(" ;", ";")
            energy = dict(outputWhPer1kTokens=central, low=sig4(wh(lo)), high=sig4(wh(hi)),
                          inputWhPer1kTokens=sig4(in_ratio * central), basis="measured", hardware=hw, method=None,
                          source="mlenergy-v3", note=note)
        else:
            if p["totalBillions"] is not None:
                e = est(p["activeBillions"], p["totalBillions"])
                central, low, high = sig4(e), sig4(e * rf_low), sig4(e * rf_high)
            else:
                ta, tt = p["assumedActiveBillions"], p["assumedTotalBillions"]
                central = sig4(est(math.sqrt(ta["low"] * ta["high"]), math.sqrt(tt["low"] * tt["high"])))
                low = sig4(est(ta["low"], tt["low"]) * rf_low)
                high = sig4(est(ta["high"], tt["high"]) * rf_high)
            notes = []
            if m["id"] in B200_ONLY:
                task, ck = B200_ONLY[m["id"]]
                rows = [r for r in cfg[(task, ck)] if r["gpu_model"] == "B200"]
                b64 = [r for r in rows if int(r["max_num_seqs"]) == 64]
                b = min(b64, key=lambda r: int(r["num_gpus"]))
                best = min(rows, key=wh)
                notes.append(f"ML.ENERGY v3 measured this model only on NVIDIA B200 ({task}, {b['weight_precision']}): {sig4(wh(b))} Wh/1k at max_num_seqs 64 on "
                             f"{b['num_gpus']} GPUs, best {sig4(wh(best))}; B200 is not the H100 basis, so the H100-basis estimate is used.")
            if p["source"] == "ecologits" and p["totalBillions"] is None:
                notes.append("Closed model: order-of-magnitude estimate from EcoLogits' parameter guesses.")
            if m["id"] in HF_PARAMS_NOTE:
                notes.append(HF_PARAMS_NOTE[m["id"]])
            energy = dict(outputWhPer1kTokens=central, low=low, high=high, inputWhPer1kTokens=sig4(in_ratio * central),
                          basis="estimated", hardware="NVIDIA H100 80GB basis (estimated)", method="energy-estimate-v1",
                          source="carbonbench-fit", note=" ".join(notes) or None)
        models_out.append(dict(id=m["id"], name=m["name"], family=m["family"], aliases=list(m["aliases"]), parameters=p, energy=energy))

    # ---- zones
    region_objs = []
    used_zones = set()
    for (p, rid, name, city, country, area, zone, alts, zsrc, znote) in R:
        region_objs.append(dict(provider=p, id=rid, name=name, city=city, country=country, area=area, zone=zone,
                                alternativeZones=list(alts), zoneSource=zsrc, zoneNote=znote))
        used_zones.add(zone)
        used_zones.update(alts)

    prof = {}
    for r in prof_rows:
        prof.setdefault(r["zone_id"], {}).setdefault(r["year"], {})[int(r["local_hour"])] = (
            float(r["mean_ci_direct_gco2_kwh"]), float(r["mean_ci_lca_gco2_kwh"]), r["local_tz"])

    tz_notes = {}

    def offset_shares(tzname, year):
        """Share of the hours of `year` spent at each UTC offset (hours) in the IANA zone."""
        z = zoneinfo.ZoneInfo(tzname)
        cnt = {}
        t = dt.datetime(year, 1, 1, tzinfo=dt.timezone.utc)
        while t.year == year:
            o = t.astimezone(z).utcoffset().total_seconds() / 3600
            cnt[o] = cnt.get(o, 0) + 1
            t += dt.timedelta(hours=1)
        tot = sum(cnt.values())
        return {o: n / tot for o, n in sorted(cnt.items())}

    def to_utc(local24, off):
        # UTC hour u covers local [u+off, u+off+1): weighted mean of the (at most two) local bins it overlaps
        out = []
        for u in range(24):
            s_ = u + off
            k = math.floor(s_)
            frac = s_ - k
            out.append((1 - frac) * local24[k % 24] + frac * local24[(k + 1) % 24])
        return out

    def year_to_utc(local24, tzname, year):
        sh = offset_shares(tzname, year)
        shifted = {o: to_utc(local24, o) for o in sh}
        return [sum(w * shifted[o][u] for o, w in sh.items()) for u in range(24)]

    # Hourly files with UTC timestamps: (zone, year) -> manifest path. The profile file above adds the 2023 local-hour
    # means of its 16 zones. Vintage policy (all zones): shape = equal-weight mean of every available year 2023-2024 by
    # UTC hour, scaled per factor so that its daily mean equals the zone's 2024 yearly value (docs/data.md section 5).
    hourly_files = {}
    for path in sorted(src.manifest):
        name = path.rsplit("/", 1)[-1]
        if name.startswith("electricitymaps_hourly_") and not name.startswith("electricitymaps_hourly_profile"):
            zone_year = name[len("electricitymaps_hourly_"):-len(".csv")]
            zk_, yr = zone_year.rsplit("_", 1)
            hourly_files[(zk_, yr)] = path

    def utc_means(path, zone_key):
        sums = [[0.0, 0.0, 0] for _ in range(24)]
        for row in src.csv(path):
            assert row["Zone Id"] == zone_key, (path, row["Zone Id"])
            d, l_ = row["Carbon Intensity gCO₂eq/kWh (direct)"], row["Carbon Intensity gCO₂eq/kWh (LCA)"]
            if d == "" or l_ == "":
                continue
            h = int(row["Datetime (UTC)"][11:13])
            sums[h][0] += float(d)
            sums[h][1] += float(l_)
            sums[h][2] += 1
        assert all(c > 300 for _, _, c in sums), path
        return [a / c for a, _, c in sums], [b / c for _, b, c in sums]

    series = {}  # zone -> {year: (direct24 UTC, lca24 UTC)}
    for (zk_, yr), path in hourly_files.items():
        series.setdefault(zk_, {})[yr] = utc_means(path, zk_)
    for zk_, years in prof.items():
        for yr, hours in years.items():
            if yr in series.get(zk_, {}):
                continue  # the UTC-timestamped file of the same year wins over its local-hour summary
            assert len(hours) == 24
            tzname = hours[0][2]
            tz_notes[(zk_, yr)] = (tzname, offset_shares(tzname, int(yr)))
            series.setdefault(zk_, {})[yr] = (year_to_utc([hours[h][0] for h in range(24)], tzname, int(yr)),
                                              year_to_utc([hours[h][1] for h in range(24)], tzname, int(yr)))

    profile_stats = []
    zones_out = []
    for zk in sorted(used_zones):
        y = em_year[zk]
        annual = dict(lifecycleGramsPerKwh=float(y["Carbon intensity gCO₂eq/kWh (Life cycle)"]),
                      directGramsPerKwh=float(y["Carbon intensity gCO₂eq/kWh (direct)"]), year=2024, source="em-2024-yearly")
        zobj = dict(key=zk, name=y["Zone name"], country=ZONE_COUNTRY[zk], annual=annual)
        assert y["Datetime (UTC)"].startswith("2024-")
        shape_zone = zk if zk in series else PROFILE_SHAPE_FROM.get(zk)
        if shape_zone:
            years = series[shape_zone]
            yrs = sorted(years)
            shape_d = [statistics.fmean(years[y_][0][h] for y_ in yrs) for h in range(24)]
            shape_l = [statistics.fmean(years[y_][1][h] for y_ in yrs) for h in range(24)]
            kd = annual["directGramsPerKwh"] / statistics.fmean(shape_d)
            kl = annual["lifecycleGramsPerKwh"] / statistics.fmean(shape_l)
            prof_obj = dict(kind="hourly", lifecycleByUtcHour=[round(v * kl, 2) for v in shape_l],
                            directByUtcHour=[round(v * kd, 2) for v in shape_d],
                            years=yrs[0] if len(yrs) == 1 else f"{yrs[0]}-{yrs[-1]}", source="em-hourly-profiles")
            if shape_zone != zk:
                prof_obj["shapeZone"] = shape_zone
            prof_obj["scaledTo"] = "annual 2024"
            zobj["profile"] = prof_obj
            lc = prof_obj["lifecycleByUtcHour"]
            profile_stats.append((zk, shape_zone, prof_obj["years"], round(kl, 3), min(lc), lc.index(min(lc)), max(lc), lc.index(max(lc))))
        else:
            zobj["profile"] = dict(kind="flat", source="em-2024-yearly")
        zones_out.append(zobj)

    # ---- offerings
    region_ids = {(r["provider"], r["id"]) for r in region_objs}
    aws_regions = [r["id"] for r in region_objs if r["provider"] == "aws-bedrock"]
    model_ids = {m["id"] for m in M}
    offerings = []
    price_log = []  # (provider, model, pid, chosen, other)

    def ll_price(key):
        v = litellm.get(key)
        if not isinstance(v, dict) or v.get("input_cost_per_token") is None or v.get("output_cost_per_token") is None:
            return None
        return (round(v["input_cost_per_token"] * 1e6, 6), round(v["output_cost_per_token"] * 1e6, 6))

    def gp_price(prov, gid):
        m = genai.get(prov, {}).get(gid)
        if m is None:
            return None
        pr = m["prices"]
        if not isinstance(pr, dict) or not isinstance(pr.get("input_mtok"), (int, float)) or not isinstance(pr.get("output_mtok"), (int, float)):
            return None
        return (float(pr["input_mtok"]), float(pr["output_mtok"]))

    def gp_matches(clause, name):
        if "or" in clause:
            return any(gp_matches(c, name) for c in clause["or"])
        if "and" in clause:
            return all(gp_matches(c, name) for c in clause["and"])
        if "equals" in clause:
            return name == clause["equals"]
        if "starts_with" in clause:
            return name.startswith(clause["starts_with"])
        if "contains" in clause:
            return clause["contains"] in name
        raise ValueError(clause)

    def md_price(mprov, mid_):
        r = modelsdev.get((mprov, mid_))
        if r is None or r["input_usd_per_mtok"] == "" or r["output_usd_per_mtok"] == "":
            return None
        return (float(r["input_usd_per_mtok"]), float(r["output_usd_per_mtok"]))

    def choose_price(prov_key, gp_prov, gid, llkey, regional_key=None, label="", pid=None, md=None):
        """Candidates in order: litellm per-region key, genai-prices (newest dated), models.dev, litellm."""
        cands = []
        if gid and pid and gid in genai.get(gp_prov, {}):
            # the genai entry we name must match the provider model id by genai-prices' own rule
            assert gp_matches(genai[gp_prov][gid]["match"], pid), (gid, pid)
        if regional_key and ll_price(regional_key):
            cands.append(("litellm-regional", ll_price(regional_key), regional_key))
        g = gp_price(gp_prov, gid) if gid else None
        l = ll_price(llkey) if llkey else None
        if g and (prov_key, gid) not in GENAI_UNCHECKED:
            cands.append(("genai-prices", g, gid))
        m_ = md_price(*md) if md else None
        if m_:
            cands.append(("models-dev", m_, f"{md[0]}/{md[1]}"))
        if l:
            cands.append(("litellm", l, llkey))
        if g and (prov_key, gid) in GENAI_UNCHECKED:
            cands.append(("genai-prices", g, gid))
        cands = [c for c in cands if not (c[1][0] == 0 and c[1][1] == 0)]
        if not cands:
            return None
        ch = cands[0]
        if g and l and g != l:
            price_log.append((prov_key, label, gid, llkey, g, l, ch[0]))
        src = {"genai-prices": "genai-prices", "models-dev": "models-dev"}.get(ch[0], "litellm")
        entry = f"{gp_prov}:{ch[2]}" if src == "genai-prices" else ch[2]
        return dict(usdPerMillionInput=ch[1][0], usdPerMillionOutput=ch[1][1], source=src,
                    date={"genai-prices": GENAI_DATE, "models-dev": MODELSDEV_DATE}.get(src, LITELLM_DATE), entry=entry), ch

    def add(model_id, provider, region, pid, price, avail, served=None, retired=None):
        assert model_id in model_ids, model_id
        assert (provider, region) in region_ids, (provider, region)
        assert price.get("entry"), (model_id, provider, region)
        offerings.append(dict(model=model_id, provider=provider, region=region, providerModelId=pid,
                              servedFrom=served or [], price=price, speed=None, retired=retired, availabilitySource=avail))

    price_choice_rows = []

    # Bedrock
    bed = {}
    for r in bed_rows:
        bed.setdefault(r["model"], []).append(r)

    def active(flag):
        if flag == "True":
            return True
        if flag.startswith("Legacy (EOL: "):
            return flag[13:23] > DATA_VERSION
        return False

    def eol(flag):
        return flag[13:23] if flag.startswith("Legacy (EOL: ") else None

    dropped = []
    regional_gaps = []
    for (mid, bname, pid, gid, llkey, profiles, mdid) in BEDROCK:
        rows = bed[bname]
        md = ("amazon-bedrock", mdid) if mdid else None
        inreg = [r["region"] for r in rows if active(r["in_region"]) and r["region"] in aws_regions]
        gone = {r["region"]: eol(r["in_region"]) for r in rows if eol(r["in_region"]) and not active(r["in_region"]) and r["region"] in aws_regions}
        if gone:
            dropped.append((mid, "in-Region", sorted(gone)))
        used = set()
        have_regional = {reg for reg in aws_regions if ll_price(f"bedrock/{reg}/{pid}")}
        for reg in sorted(set(inreg) | set(gone), key=aws_regions.index):
            res = choose_price("aws-bedrock", "aws", gid, llkey, regional_key=f"bedrock/{reg}/{pid}", label=mid, pid=pid, md=md)
            if not res:
                continue
            if res[1][0] == "litellm-regional":
                res[0]["tier"] = "regional price of this region"
            elif have_regional:
                res[0]["tier"] = ("base price: the sources give regional prices for this model in " + ", ".join(sorted(have_regional))
                                  + " but none for this region")
                if reg not in gone:
                    regional_gaps.append((mid, reg, sorted(have_regional)))
            add(mid, "aws-bedrock", reg, pid, res[0], "bedrock-availability", retired=gone.get(reg))
            price_choice_rows.append((mid, "aws-bedrock", reg, res[1][0], res[1][2]))
            used.add(reg)
        geo = [r["region"] for r in rows if active(r["geo_cross_region"]) and r["region"] in aws_regions]
        geo_gone = {r["region"]: eol(r["geo_cross_region"]) for r in rows
                    if eol(r["geo_cross_region"]) and not active(r["geo_cross_region"]) and r["region"] in aws_regions}
        for pref in profiles:
            grp = [g for g in geo if PROFILE_GROUPS[pref](g)]
            retired_on = None
            if not grp:
                grp = [g for g in geo_gone if PROFILE_GROUPS[pref](g)]
                if not grp:
                    continue
                retired_on = max(geo_gone[g] for g in grp)
            srcs = [g for g in PROFILE_SOURCE_PREF if g in grp and g not in used]
            if not srcs:
                continue
            reg = srcs[0]
            ppid = f"{pref}.{pid}"
            res = choose_price("aws-bedrock", "aws", gid, (f"{pref}.{llkey}" if llkey else None), label=mid, pid=ppid,
                               md=("amazon-bedrock", f"{pref}.{mdid}") if mdid else None)
            if not res:
                continue
            add(mid, "aws-bedrock", reg, ppid, res[0], "bedrock-availability", served=sorted(grp, key=aws_regions.index), retired=retired_on)
            price_choice_rows.append((mid, "aws-bedrock", reg + f" (profile {pref})", res[1][0], res[1][2]))
            used.add(reg)

    # Azure
    az_avail = {}
    for r in az_rows:
        if r["available_standard_regional"] == "yes":
            az_avail.setdefault((r["model"], r["model_version"]), []).append(r["azure_region"])
    az_regions = [r["id"] for r in region_objs if r["provider"] == "azure-openai"]
    # Azure rule (docs/data.md section 7): offerings are Standard (regional) deployments. Price = a litellm data-zone
    # entry (azure/us/<id>, same price as regional), else a plain azure/<id> entry that differs from its azure/global*
    # twin (it is then the regional price), else the Global price (litellm azure/<id>, or models.dev azure) x the uplift.
    uplifts = set()
    for k in litellm:
        if k.startswith("azure/us/") and ll_price(k) and ll_price("azure/global/" + k[9:]):
            (ri, ro), (gi, go) = ll_price(k), ll_price("azure/global/" + k[9:])
            uplifts.add((round(ri / gi, 3), round(ro / go, 3)))
    assert uplifts == {(AZURE_REGIONAL_UPLIFT, AZURE_REGIONAL_UPLIFT)}, uplifts

    def azure_price(pid, llkey, mdid):
        key = f"azure/us/{pid}"
        if ll_price(key):
            i, o = ll_price(key)
            return dict(usdPerMillionInput=i, usdPerMillionOutput=o, source="litellm", date=LITELLM_DATE, entry=key,
                        tier="regional (data-zone price; Microsoft prices Regional and Data Zone alike)")
        glob = next((ll_price(k) for k in (f"azure/global/{pid}", f"azure/global-standard/{pid}") if ll_price(k)), None)
        if llkey and ll_price(llkey) and glob and ll_price(llkey) != glob:
            i, o = ll_price(llkey)
            return dict(usdPerMillionInput=i, usdPerMillionOutput=o, source="litellm", date=LITELLM_DATE, entry=llkey, tier="regional")
        if llkey and ll_price(llkey):
            (i, o), src_, date_, entry_ = ll_price(llkey), "litellm", LITELLM_DATE, llkey
        else:
            (i, o), src_, date_, entry_ = md_price("azure", mdid), "models-dev", MODELSDEV_DATE, f"azure/{mdid}"
        return dict(usdPerMillionInput=round(i * AZURE_REGIONAL_UPLIFT, 6), usdPerMillionOutput=round(o * AZURE_REGIONAL_UPLIFT, 6),
                    source=src_, date=date_, entry=entry_, tier=f"regional = global x {AZURE_REGIONAL_UPLIFT}")

    for (mid, mname, ver, pid, llkey, mdid) in AZURE:
        price = azure_price(pid, llkey, mdid)
        for reg in az_regions:
            if reg in az_avail.get((mname, ver), []):
                add(mid, "azure-openai", reg, pid, price, "azure-availability")
        price_choice_rows.append((mid, "azure-openai", "all", price["tier"], price["entry"]))

    # Azure AI Foundry serverless (MaaS): regions from the availability table, price from models.dev's azure provider
    # (pay-as-you-go per token; Microsoft lists one price for these regions)
    foundry_regions = {r["model"]: [x.strip() for x in r["hub_project_regions_for_deployment"].split(";")] for r in foundry_rows}
    foundry_ids = [r["id"] for r in region_objs if r["provider"] == "azure-ai-foundry"]
    for (mid, fname, pid, mdid) in FOUNDRY:
        regs = [AZURE_REGION_IDS[x] for x in foundry_regions[fname]]
        assert set(regs) <= set(foundry_ids), (fname, regs)
        res = choose_price("azure-ai-foundry", "azure", None, None, label=mid, md=("azure", mdid))
        for reg in sorted(regs, key=foundry_ids.index):
            add(mid, "azure-ai-foundry", reg, pid, res[0], "azure-foundry-availability")
        price_choice_rows.append((mid, "azure-ai-foundry", ",".join(regs), res[1][0], res[1][2]))

    # Vertex
    zero_dropped = []
    for (mid, regs, pid, gid, llkey, mdid) in VERTEX:
        res = choose_price("gcp-vertex", "google", gid, llkey, label=mid, pid=pid, md=("google-vertex", mdid) if mdid else None)
        if not res:
            zero_dropped.append(("gcp-vertex", mid, llkey))
            continue
        for reg in regs:
            add(mid, "gcp-vertex", reg, pid, res[0], "vertex-docs")
        price_choice_rows.append((mid, "gcp-vertex", ",".join(regs), res[1][0], res[1][2]))

    # Together / Groq / Fireworks
    for prov, gprov, table in (("together", "together", TOGETHER), ("groq", "groq", GROQ), ("fireworks", "fireworks", FIREWORKS)):
        for (mid, pid, gid, llkey) in table:
            if (prov, pid) in EXCLUDED_OFFERINGS:
                continue
            res = choose_price(prov, gprov, gid, llkey, label=mid, pid=pid)
            if not res:
                zero_dropped.append((prov, mid, llkey or gid))
                continue
            add(mid, prov, "us", pid, res[0], res[0]["source"])
            price_choice_rows.append((mid, prov, "us", res[1][0], res[1][2]))

    # ---- speed: output tokens per second for one stream, with its basis (docs/data.md section 7a)
    def mle_speed(run, proxy_of=None):
        itl = float(run["median_itl_ms"])
        prec = run["weight_precision"]
        hw = f"{run['num_gpus']}x {run['gpu_model']}, vLLM, max_num_seqs {run['max_num_seqs']}" + ("" if prec == "bfloat16" else f", {prec}")
        note = (f"Per-stream decode rate measured by ML.ENERGY v3 on reference hardware ({hw}, {run['task']} task): "
                f"1000 / median inter-token latency {itl:.1f} ms. Not the provider's own hardware or load.")
        if proxy_of:
            note += f" Measured on {run['model_id']}, which has the same architecture and size as this model."
        return dict(tokensPerSecond=sig4(1000.0 / itl), timeToFirstTokenSeconds=None, basis="measured-reference",
                    source="mlenergy-v3", date=MLENERGY_DATE, note=note)

    speed_ref = {mid: mle_speed(mp["central"]) for mid, mp in measured.items()}
    for mid, (task, ck) in B200_ONLY.items():
        runs = [r for r in cfg[(task, ck)] if r["gpu_model"] == "B200" and int(r["max_num_seqs"]) == 64]
        speed_ref[mid] = mle_speed(min(runs, key=lambda r: int(r["num_gpus"])))
    for mid, proxy in SPEED_ARCH_PROXY.items():
        speed_ref[mid] = dict(speed_ref[proxy])
        speed_ref[mid]["note"] += f" Same architecture and parameter count as {proxy} (its measurement)."
    for mid, (mname, src_name) in MS_THROUGHPUT.items():
        row = next(r for r in ms_rows if r["Model"] == mname and r["Source"] == src_name)
        tps, batch = float(row["Tokens per Second (TPS)"]), float(row["Batch Size"])
        speed_ref[mid] = dict(tokensPerSecond=sig4(tps / batch), timeToFirstTokenSeconds=None, basis="measured-reference",
                              source="microsoft-aienergy", date="2025-12",
                              note=(f"Microsoft aienergy_simulation throughput table ({row['Hardware']}, TP {row['TP Size']}, {row['Quantization']}, "
                                    f"source {src_name}): node throughput {tps:g} tokens/s at an average batch of {batch:g} streams, i.e. "
                                    f"{tps / batch:.2f} tokens/s per stream. A heavily batched reference, not the provider's rate."))
    groq_speed = {r["model_id"]: r for r in src.csv("speed/groq_docs_model_speed_2026-10-01.csv")}
    for o in offerings:
        g = groq_speed.get(o["providerModelId"]) if o["provider"] == "groq" else None
        if g:
            o["speed"] = dict(tokensPerSecond=float(g["speed_tokens_per_s"]), timeToFirstTokenSeconds=None, basis="vendor-stated",
                              source="groq-docs", date=g["snapshot_date"],
                              note="Groq's stated output speed for the model (SPEED column of its models page); not independently measured.")
        elif o["model"] in speed_ref:
            o["speed"] = dict(speed_ref[o["model"]])

    # ---- aliases: add every providerModelId; enforce global uniqueness
    by_id = {m["id"]: m for m in models_out}
    for o in offerings:
        al = by_id[o["model"]]["aliases"]
        if o["providerModelId"] not in al:
            al.append(o["providerModelId"])
    ids_lower = {m["id"].lower(): m["id"] for m in models_out}
    seen = {}
    for m in models_out:
        clean = []
        for a in m["aliases"]:
            k = a.lower()
            if k == m["id"].lower():
                continue
            if k in ids_lower:
                raise SystemExit(f"alias {a} of {m['id']} equals model id {ids_lower[k]}")
            if k in seen and seen[k] != m["id"]:
                raise SystemExit(f"alias {a} used by {seen[k]} and {m['id']}")
            if k in seen:
                continue
            seen[k] = m["id"]
            clean.append(a)
        m["aliases"] = clean

    # ---- assemble with stable ordering
    fam_idx = {f: i for i, f in enumerate(FAMILIES)}
    models_out.sort(key=lambda m: (fam_idx[m["family"]], m["id"]))
    prov_idx = {p["id"]: i for i, p in enumerate(PROVIDERS)}
    region_order = {(r["provider"], r["id"]): i for i, r in enumerate(region_objs)}
    offerings.sort(key=lambda o: (o["model"], prov_idx[o["provider"]], region_order[(o["provider"], o["region"])]))
    catalog = {
        "schemaVersion": 1,
        "dataVersion": DATA_VERSION,
        "sources": {k: SOURCES[k] for k in sorted(SOURCES)},
        "methods": methods,
        "models": models_out,
        "providers": PROVIDERS,
        "zones": zones_out,
        "regions": region_objs,
        "offerings": offerings,
    }

    if revise_energy:  # the energy method (docs/data.md section 3) lives in energy_method.py
        energy_method.revise(catalog, src)

    if report:
        rep.append("## Fit\n")
        rep.append(f"coefficients raw {raw} rounded a={A} b={B} c={C}; rangeFactorLow={rf_low} rangeFactorHigh={rf_high}; input ratio={in_ratio} (raw median {statistics.median(ratios.values())})\n")
        rep.append(f"LOO median {med_loo:.2f}% worst {worst_loo:.2f}%; in-sample median {med_in:.2f}% worst {worst_in:.2f}%\n")
        rep.append("| model | Pa | Pt | measured bs64 | in-sample est | in-sample err % | LOO err % | measured/LOO | low/central |")
        rep.append("|---|---|---|---|---|---|---|---|---|")
        for i in fit_ids:
            pa, pt, e, _family = pts[i]
            rep.append(f"| {i} | {pa:g} | {pt:g} | {e:.4f} | {est(pa, pt):.4f} | {ins_err[i]:.1f} | {loo_err[i]:.1f} | {loo_ratio[i]:.3f} | {ratios[i]:.3f} |")
        rep.append("\nOut-of-sample (measured, not in fit):")
        for i, (meas, e, err) in oos.items():
            rep.append(f"- {i}: measured {meas:.4f}, estimate {e:.4f}, error {err:.1f}%")
        rep.append("\n## Measured rows\n| model | central | low | high | input | hardware | note |\n|---|---|---|---|---|---|---|")
        for m in models_out:
            if m["energy"]["basis"] == "measured":
                e = m["energy"]
                rep.append(f"| {m['id']} | {e['outputWhPer1kTokens']} | {e['low']} | {e['high']} | {e['inputWhPer1kTokens']} | {e['hardware']} | {e['note']} |")
        rep.append("\n## Estimated rows\n| model | Pa | Pt | central | low | high |\n|---|---|---|---|---|---|")
        for m in models_out:
            if m["energy"]["basis"] == "estimated":
                p, e = m["parameters"], m["energy"]
                pa = p["activeBillions"] if p["activeBillions"] is not None else f"{p['assumedActiveBillions']['low']:g}-{p['assumedActiveBillions']['high']:g}"
                pt = p["totalBillions"] if p["totalBillions"] is not None else f"{p['assumedTotalBillions']['low']:g}-{p['assumedTotalBillions']['high']:g}"
                rep.append(f"| {m['id']} | {pa} | {pt} | {e['outputWhPer1kTokens']} | {e['low']} | {e['high']} |")
        rep.append("\n## Price disagreements (genai vs litellm)")
        for row in sorted(set(price_log)):
            rep.append(f"- {row[0]} {row[1]}: genai {row[2]} {row[4]} vs litellm {row[3]} {row[5]} -> chose {row[6]}")
        rep.append("\n## Price choices")
        for row in price_choice_rows:
            rep.append(f"- {row}")
        rep.append("\n## Dropped")
        rep.append(f"- legacy EOL before {DATA_VERSION}: {dropped}")
        rep.append(f"- zero/absent prices: {zero_dropped}")
        rep.append(f"- in-Region offerings in a region without a litellm regional key while the model has some: {regional_gaps}")
        rep.append("\n## TZ")
        for k, v in tz_notes.items():
            rep.append(f"- {k}: {v}")
        rep.append("\n## Profiles (zone, shape from, years, LCA scale factor, min@UTC hour, max@UTC hour)")
        for row in profile_stats:
            rep.append(f"- {row}")
        rep.append(f"- hourly series available but no catalog zone uses them: {sorted(set(series) - {r[1] for r in profile_stats})}")
        rep.append("\n## GCP zone check (region, Google 2024, [(zone, EM 2024 direct)])")
        for row in zone_checks:
            rep.append(f"- {row}")
        print("\n".join(rep))
    return catalog


# Zones without hourly data of their own whose shape comes from a documented proxy series (docs/data.md section 5).
PROFILE_SHAPE_FROM = {"NO-NO1": "NO"}  # Norway (country-level 2023) for the Oslo bidding zone; NO-NO1 is hydro-dominated like the country

ZONE_COUNTRY = {"US-CAR-SC": "US", "US-CAR-SCEG": "US", "US-NW-NEVP": "US", "US-NW-PACE": "US", "US-SW-SRP": "US", "US-SW-AZPS": "US",
                "AU-VIC": "AU", "ES": "ES", "FI": "FI", "PL": "PL", "ZA": "ZA", "US": "US", "US-MIDA-PJM": "US", "US-MIDW-MISO": "US", "US-NW-PACW": "US", "US-NW-BPAT": "US", "US-CENT-SWPP": "US",
                "US-CAL-CISO": "US", "US-TEX-ERCO": "US", "IE": "IE", "GB": "GB", "FR": "FR", "DE": "DE", "SE": "SE", "SE-SE3": "SE",
                "IT-NO": "IT", "BE": "BE", "NL": "NL", "CH": "CH", "NO-NO1": "NO", "SG": "SG", "JP-TK": "JP", "KR": "KR", "IN": "IN",
                "IN-WE": "IN", "IN-SO": "IN", "AU-NSW": "AU", "CA-QC": "CA", "BR-CS": "BR"}


def render(cat) -> str:
    return json.dumps(cat, indent=2, ensure_ascii=False) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--external", "--sources", dest="external", default=None,
                    help="directory holding the raw files that are not vendored (default: $CARBONBENCH_SOURCES or "
                         "../shared/data/sources beside the repository); vendored files come from data/sources/")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--check", action="store_true",
                    help="build in memory and fail (exit 1) unless the result equals --out byte for byte; writes nothing")
    ap.add_argument("--report", action="store_true", help="print the markdown tables that docs/data.md quotes")
    a = ap.parse_args()
    src = Sources(a.external)  # None: $CARBONBENCH_SOURCES or the default directory
    cat = build(src, a.report)
    text = render(cat)
    out = Path(a.out)
    unused = sorted(set(src.manifest) - src.used)
    if unused:
        print(f"note: manifest files the build does not read (cross-checks only): {unused}", file=sys.stderr)
    if a.check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            old, new = current.splitlines(), text.splitlines()
            first = next((i for i, (x, y) in enumerate(zip(old, new)) if x != y), min(len(old), len(new)))
            print(f"{out} is stale: a fresh build differs from line {first + 1} on. "
                  "Run python3 tools/catalog/build_catalog.py and commit the result.", file=sys.stderr)
            sys.exit(1)
        print(f"{out}: up to date ({len(cat['models'])} models, {len(cat['offerings'])} offerings)", file=sys.stderr)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}: {len(cat['models'])} models, {len(cat['zones'])} zones, {len(cat['regions'])} regions, {len(cat['offerings'])} offerings", file=sys.stderr)


if __name__ == "__main__":
    main()
