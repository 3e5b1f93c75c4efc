output "service_account" {
  value = google_service_account.pipeline.email
}

output "work_items_subscription" {
  value = google_pubsub_subscription.work_items.id
}

output "articles_topic" {
  value = google_pubsub_topic.articles.id
}

output "dead_letters_topic" {
  value = google_pubsub_topic.dead_letters.id
}

output "lake" {
  value = "gs://${google_storage_bucket.lake.name}/lake"
}
