# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
LAKE   ?= lake

.PHONY: run test lint bench docs lock clean help stream-demo template launch-batch launch-stream

help:
	@echo "make run    set up .venv and run the demo: a bundled news site ingested into ./$(LAKE)"
	@echo "make test   set up .venv and run the test suite"
	@echo "make lint   ruff check"
	@echo "make stream-demo  the streaming job for a minute on the Pub/Sub emulator and the demo site"
	@echo "make bench  throughput benchmarks"
	@echo "make docs   regenerate the README's table reference from schemas/"
	@echo "make lock   re-resolve constraints.txt from pyproject.toml"

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

run: $(STAMP)
	$(BIN)/wirelake demo --lake $(LAKE)

stream-demo: $(STAMP)
	$(BIN)/python -m wirelake.pipelines.stream_demo --seconds 60 --lake lake-stream

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	$(BIN)/python bench/pipeline_bench.py
	$(BIN)/python bench/dedup_bench.py
	$(BIN)/python bench/topics_bench.py
	@echo "Quality evaluations need the public corpora: bench/extraction_eval.py, bench/dedup_eval.py, bench/feed_corpus.py CORPUS_DIR"

docs: $(STAMP)
	$(BIN)/python -m wirelake.schemas.docs README.md deploy/terraform/schemas
	$(BIN)/python deploy/flex_template.py

# Dataflow: build the image and both Flex Templates, then launch them. Needs gcloud, a project and a bucket:
#   make template PROJECT=my-project REGION=europe-west1 BUCKET=my-bucket
PROJECT ?= $(shell gcloud config get-value project 2>/dev/null)
REGION  ?= europe-west1
BUCKET  ?= $(PROJECT)-wirelake
IMAGE   := $(REGION)-docker.pkg.dev/$(PROJECT)/wirelake/wirelake:latest
SA      ?= wirelake-pipeline@$(PROJECT).iam.gserviceaccount.com

template:
	gcloud builds submit --project=$(PROJECT) --config=deploy/cloudbuild.yaml --substitutions=_IMAGE=$(IMAGE) .
	for job in batch stream; do \
	  gcloud dataflow flex-template build gs://$(BUCKET)/templates/wirelake-$$job.json --project=$(PROJECT) \
	    --image=$(IMAGE) --sdk-language=PYTHON --metadata-file=deploy/$$job-metadata.json \
	    --env=WIRELAKE_JOB=$$job || exit 1; \
	done

launch-batch:
	gcloud dataflow flex-template run wirelake-batch-$$(date +%Y%m%d-%H%M%S) --project=$(PROJECT) --region=$(REGION) \
	  --template-file-gcs-location=gs://$(BUCKET)/templates/wirelake-batch.json --service-account-email=$(SA) \
	  --parameters=feeds=gs://$(BUCKET)/feeds.yaml,lake=gs://$(BUCKET)/lake,sdk_container_image=$(IMAGE)

launch-stream:
	gcloud dataflow flex-template run wirelake-stream --project=$(PROJECT) --region=$(REGION) \
	  --template-file-gcs-location=gs://$(BUCKET)/templates/wirelake-stream.json --service-account-email=$(SA) \
	  --parameters=feeds=gs://$(BUCKET)/feeds.yaml,lake=gs://$(BUCKET)/lake,sdk_container_image=$(IMAGE),input_subscription=projects/$(PROJECT)/subscriptions/wirelake-work-items,output_topic=projects/$(PROJECT)/topics/wirelake-articles,dead_letter_topic=projects/$(PROJECT)/topics/wirelake-dead-letters

# Resolve the newest versions allowed by pyproject.toml in a scratch venv and record them.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check '.[test,bench]'
	.lock-venv/bin/pip freeze --exclude wirelake | grep -v '^-e' > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) $(LAKE) lake-stream .pytest_cache build *.egg-info
