//! Building and running the server: state shared by handlers, the router assembled from
//! each capability's `router()`, and the middleware around it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::IntoResponse;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;

use crate::config::Config;
use crate::error::AppError;
use crate::mail::Mailer;
use crate::ops::metrics::Metrics;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    pub metrics: Arc<Metrics>,
    /// The key CSRF tokens are bound to sessions with (`web::csrf`).
    pub site_key: Arc<crate::web::csrf::SiteKey>,
    /// Whether the site requires two-factor sign-in of staff, cached per process.
    pub security: Arc<crate::auth::two_factor::SiteRule>,
    /// The site's settings (name, who may start courses, defaults), read without a query.
    pub site: crate::admin::settings::SiteCache,
    /// Live sessions' fan-out to this process's sockets (and over NATS, if configured).
    pub live: crate::live::Hub,
    /// Wakes this process's idle job worker when a request queues work due now.
    pub jobs: crate::jobs::Waker,
}

impl AppState {
    pub async fn new(config: Config) -> anyhow::Result<AppState> {
        let db = crate::db::connect(&config.database_url).await?;
        let state = AppState::with_db(config, db)?;
        state.security.load(&state.db).await?;
        state.site.reload(&state.db).await?;
        if let Some(url) = &state.config.nats_url {
            state.live.connect_nats(url, crate::live::hub::NATS_PREFIX).await?;
        }
        Ok(state)
    }

    pub fn with_db(config: Config, db: DatabaseConnection) -> anyhow::Result<AppState> {
        let mailer = Mailer::with_limits(
            config.smtp_url.as_deref(),
            &config.mail_from,
            config.mail_per_minute,
            config.mail_retry_seconds,
        )?;
        let metrics = Metrics::new();
        let live = crate::live::Hub::with_metrics(metrics.live.clone());
        Ok(AppState {
            db,
            config: Arc::new(config),
            mailer,
            metrics: Arc::new(metrics),
            site_key: Default::default(),
            security: Arc::default(),
            site: Default::default(),
            live,
            jobs: Default::default(),
        })
    }
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(crate::ops::router())
        .merge(crate::auth::router())
        .merge(crate::accounts::router())
        .merge(crate::courses::router())
        .merge(crate::groups::router())
        .merge(crate::wiki::router())
        .merge(crate::budget::router())
        .merge(crate::expectations::router())
        .merge(crate::board::router())
        .merge(crate::admin::router())
        .merge(crate::archive::router())
        .merge(crate::erasure::router())
        .merge(crate::survey::router())
        .merge(crate::forum::router())
        .merge(crate::media::router())
        .merge(crate::profiles::router())
        .merge(crate::introductions::router())
        .merge(crate::messages::router())
        .merge(crate::recognition::router())
        .merge(crate::celebrations::router())
        .merge(crate::routine::router())
        .merge(crate::notifications::router())
        .merge(crate::collage::router())
        .merge(crate::files::router())
        .merge(crate::schedule::router())
        .merge(crate::presence::router())
        .merge(crate::lti::router())
        .merge(crate::sso::router())
        .merge(crate::booking::router())
        .merge(crate::meetups::router())
        .merge(crate::live::router())
        .merge(crate::personal::router())
        .merge(crate::feedback::router())
        .merge(crate::weekly::router())
        .fallback(|| async { AppError::NotFound })
        // Panics become a 500 page with the request id instead of a dropped connection.
        .layer(CatchPanicLayer::custom(|_| AppError::Internal(anyhow::anyhow!("handler panicked")).into_response()))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::abuse::uploads::layer))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::web::context::layer))
        .layer(DefaultBodyLimit::max(crate::web::context::FORM_LIMIT))
        // Per request: pages and uploads have different total limits; a stalled body is
        // cut off whatever the route (crate::abuse::timeouts).
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::abuse::timeouts::layer))
        .with_state(state)
}

/// A server bound to its port, ready to run. Tests bind port 0 and read `port()`.
pub struct Application {
    listener: TcpListener,
    /// `--metrics-listen`: `/metrics` alone, on the operator's own address.
    metrics_listener: Option<TcpListener>,
    state: AppState,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let state = AppState::new(config).await?;
        Application::with_state(state).await
    }

    pub async fn with_state(state: AppState) -> anyhow::Result<Application> {
        let addr = format!("{}:{}", state.config.host, state.config.port);
        let listener = TcpListener::bind(&addr).await.map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        Application::bound(listener, state).await
    }

    /// Like `with_state`, but if the port is taken, take any free one.
    pub async fn with_state_or_any_port(state: AppState) -> anyhow::Result<Application> {
        match TcpListener::bind((state.config.host.as_str(), state.config.port)).await {
            Ok(listener) => Application::bound(listener, state).await,
            Err(_) => {
                let listener = TcpListener::bind((state.config.host.as_str(), 0)).await?;
                Application::bound(listener, state).await
            }
        }
    }

    /// Record the port we really got, so links in emails point at it; open the metrics
    /// address if there is one.
    async fn bound(listener: TcpListener, mut state: AppState) -> anyhow::Result<Application> {
        if let Ok(addr) = listener.local_addr()
            && addr.port() != state.config.port
        {
            let mut config = (*state.config).clone();
            config.port = addr.port();
            state.config = Arc::new(config);
        }
        let metrics_listener = match &state.config.metrics_listen {
            Some(addr) => Some(
                TcpListener::bind(addr)
                    .await
                    .map_err(|e| anyhow::anyhow!("cannot listen on {addr} for metrics: {e}"))?,
            ),
            None => None,
        };
        Ok(Application { listener, metrics_listener, state })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub async fn run(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serve until `shutdown` completes (a signal, or a test saying so), then stop the
    /// background workers and return.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        // Background work stops after the server has finished its last request: the
        // mail sender between messages, the job worker between jobs. Anything cut off
        // harder (a kill) is picked up again when its lease expires.
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let mail = self.state.mailer.spawn_worker(self.state.db.clone(), stopped.clone());
        let jobs = crate::jobs::spawn_worker(self.state.clone(), crate::jobs::registry(), stopped.clone());
        if let Some(listener) = self.metrics_listener {
            let mut stopping = stopped.clone();
            let metrics = axum::serve(listener, crate::ops::metrics_router(self.state.clone())).with_graceful_shutdown(
                async move {
                    let _ = stopping.wait_for(|s| *s).await;
                },
            );
            tokio::spawn(async move {
                if let Err(e) = metrics.await {
                    tracing::error!(error = %e, "metrics listener failed");
                }
            });
        }
        let app = router(self.state);
        let served = axum::serve(self.listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await;
        let _ = stop.send(true);
        let _ = tokio::time::timeout(Duration::from_secs(30), async {
            if let Some(mail) = mail {
                let _ = mail.await;
            }
            let _ = jobs.await;
        })
        .await;
        served?;
        Ok(())
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
