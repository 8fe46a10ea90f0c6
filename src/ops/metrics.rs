//! Request metrics in the Prometheus text format: counts by route and status, and a
//! latency histogram by route. Routes are the matched templates (`/courses/{course_id}`),
//! never raw paths, so the number of series stays small.

use std::time::Duration;

use axum::http::{Method, StatusCode};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    /// Handed to the live hub, which counts into them.
    pub live: LiveMetrics,
}

/// What the live sessions of this process do: with several replicas, how the work of
/// making events is shared (each event is made by one replica and relayed by the others)
/// tells an operator whether the replicas cooperate or each read the class on their own.
#[derive(Clone, Debug, Default)]
pub struct LiveMetrics {
    /// Events made here from the database.
    pub events_made: Counter,
    /// Events made by another replica and delivered here (over NATS).
    pub events_relayed: Counter,
    /// Batches of answers committed together.
    pub answer_batches: Counter,
    /// Live sockets open on this process.
    pub sockets: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("homeroom");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency: Family<RouteLabels, Histogram, fn() -> Histogram> =
            Family::new_with_constructor(|| Histogram::new(exponential_buckets(0.001, 2.0, 14)));
        registry.register("http_requests", "HTTP requests answered", requests.clone());
        registry.register("http_request_duration_seconds", "Time to answer HTTP requests", latency.clone());
        let live = LiveMetrics::default();
        registry.register("live_events_made", "Live session events made by this process", live.events_made.clone());
        registry.register(
            "live_events_relayed",
            "Live session events made by another replica and delivered here",
            live.events_relayed.clone(),
        );
        registry.register(
            "live_answer_batches",
            "Batches of live answers committed together",
            live.answer_batches.clone(),
        );
        registry.register("live_sockets", "Live session sockets open on this process", live.sockets.clone());
        Metrics { registry, requests, latency, live }
    }

    pub fn observe(&self, method: &Method, route: &str, status: StatusCode, took: Duration) {
        self.requests
            .get_or_create(&RequestLabels {
                method: method.as_str().to_string(),
                route: route.to_string(),
                status: status.as_u16().to_string(),
            })
            .inc();
        self.latency.get_or_create(&RouteLabels { route: route.to_string() }).observe(took.as_secs_f64());
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        if prometheus_client::encoding::text::encode(&mut out, &self.registry).is_err() {
            out.clear();
        }
        out
    }
}
