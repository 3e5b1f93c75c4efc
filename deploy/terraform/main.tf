terraform {
  required_version = ">= 1.5"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.30, < 7.0"
    }
  }
}

provider "google" {
  project = var.project
  region  = var.region
}

# -- identity: one least-privilege service account for the Dataflow jobs -----------------------------------------------
resource "google_service_account" "pipeline" {
  account_id   = "wirelake-pipeline"
  display_name = "wirelake Dataflow jobs"
}

resource "google_project_iam_member" "dataflow_worker" {
  project = var.project
  role    = "roles/dataflow.worker"
  member  = "serviceAccount:${google_service_account.pipeline.email}"
}

# The scheduler launches templates as this account too; it needs to create Dataflow jobs and act as itself.
resource "google_project_iam_member" "dataflow_developer" {
  project = var.project
  role    = "roles/dataflow.developer"
  member  = "serviceAccount:${google_service_account.pipeline.email}"
}

resource "google_service_account_iam_member" "act_as_self" {
  service_account_id = google_service_account.pipeline.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.pipeline.email}"
}

resource "google_storage_bucket_iam_member" "lake_rw" {
  bucket = google_storage_bucket.lake.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.pipeline.email}"
}

# -- the lake -----------------------------------------------------------------------------------------------------------
resource "google_storage_bucket" "lake" {
  name                        = var.bucket
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  # Dataflow temp and staging files are scratch.
  lifecycle_rule {
    condition {
      age            = 7
      matches_prefix = ["tmp/", "staging/"]
    }
    action {
      type = "Delete"
    }
  }

  # Operational tables cool down; articles stay hot for queries.
  lifecycle_rule {
    condition {
      age            = var.raw_retention_days
      matches_prefix = ["lake/dead_letters/", "lake/feed_log/"]
    }
    action {
      type          = "SetStorageClass"
      storage_class = "NEARLINE"
    }
  }
}

# -- Pub/Sub: work items in, articles and dead letters out -------------------------------------------------------------
resource "google_pubsub_topic" "work_items" {
  name = "wirelake-work-items"
}

resource "google_pubsub_topic" "work_items_undeliverable" {
  name = "wirelake-work-items-undeliverable"
}

resource "google_pubsub_topic" "articles" {
  name = "wirelake-articles"
}

resource "google_pubsub_topic" "dead_letters" {
  name = "wirelake-dead-letters"
}

resource "google_pubsub_subscription" "work_items" {
  name                       = "wirelake-work-items"
  topic                      = google_pubsub_topic.work_items.id
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"

  # A message the job cannot even acknowledge (it crashes the reader) is parked instead of looping forever;
  # malformed items are acknowledged by the job and become dead-letter rows.
  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.work_items_undeliverable.id
    max_delivery_attempts = 10
  }
}

resource "google_pubsub_subscription_iam_member" "work_items_reader" {
  subscription = google_pubsub_subscription.work_items.name
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:${google_service_account.pipeline.email}"
}

resource "google_pubsub_topic_iam_member" "publish_articles" {
  topic  = google_pubsub_topic.articles.name
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_service_account.pipeline.email}"
}

resource "google_pubsub_topic_iam_member" "publish_dead_letters" {
  topic  = google_pubsub_topic.dead_letters.name
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_service_account.pipeline.email}"
}

# -- BigQuery: external tables over the Parquet lake --------------------------------------------------------------------
resource "google_bigquery_dataset" "wirelake" {
  dataset_id = "wirelake"
  location   = var.region
}

resource "google_bigquery_table" "lake" {
  for_each            = toset(["articles", "clusters", "dead_letters", "feed_log"])
  dataset_id          = google_bigquery_dataset.wirelake.dataset_id
  table_id            = each.key
  deletion_protection = false
  # Generated from schemas/ by `make docs`; tests/test_deploy.py keeps them in sync.
  schema = file("${path.module}/schemas/${each.key}.json")

  external_data_configuration {
    autodetect    = false
    source_format = "PARQUET"
    source_uris   = ["gs://${google_storage_bucket.lake.name}/lake/${each.key}/*"]

    hive_partitioning_options {
      mode                     = "CUSTOM"
      source_uri_prefix        = "gs://${google_storage_bucket.lake.name}/lake/${each.key}/{ingest_date:DATE}"
      require_partition_filter = false
    }
  }
}

# -- schedule: the batch template every N minutes ----------------------------------------------------------------------
resource "google_cloud_scheduler_job" "batch" {
  name      = "wirelake-batch"
  schedule  = var.batch_schedule
  time_zone = "Etc/UTC"

  http_target {
    http_method = "POST"
    uri         = "https://dataflow.googleapis.com/v1b3/projects/${var.project}/locations/${var.region}/flexTemplates:launch"
    body = base64encode(jsonencode({
      launchParameter = {
        jobName              = "wirelake-batch"
        containerSpecGcsPath = "gs://${google_storage_bucket.lake.name}/templates/wirelake-batch.json"
        parameters = {
          feeds               = "gs://${google_storage_bucket.lake.name}/feeds.yaml"
          lake                = "gs://${google_storage_bucket.lake.name}/lake"
          sdk_container_image = var.image
        }
        environment = {
          serviceAccountEmail = google_service_account.pipeline.email
          tempLocation        = "gs://${google_storage_bucket.lake.name}/tmp"
          stagingLocation     = "gs://${google_storage_bucket.lake.name}/staging"
        }
      }
    }))
    oauth_token {
      service_account_email = google_service_account.pipeline.email
    }
  }
}
