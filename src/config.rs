//! Server configuration, from flags, environment variables (`HOMEROOM_*`) or a TOML file,
//! in that order of precedence. Every command takes the same options, so `export-user`
//! works on the demo's data exactly as `serve` would.

use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(clap::Args, Clone, Debug, Default)]
pub struct ServerArgs {
    /// A TOML file with any of the options below (names as written here, with `_`).
    #[arg(long, env = "HOMEROOM_CONFIG")]
    pub config: Option<PathBuf>,
    /// Where Homeroom keeps its files (and its SQLite database, unless --database-url).
    #[arg(long, env = "HOMEROOM_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// `sqlite://path/to/file.db` or `postgres://user@host/db`.
    #[arg(long, env = "HOMEROOM_DATABASE_URL")]
    pub database_url: Option<String>,
    #[arg(long, env = "HOMEROOM_HOST")]
    pub host: Option<String>,
    #[arg(long, env = "HOMEROOM_PORT")]
    pub port: Option<u16>,
    /// The address people use to reach this server, for links in emails
    /// (e.g. https://homeroom.example.edu). An https address also marks cookies Secure.
    #[arg(long, env = "HOMEROOM_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// `smtp://user:pass@host:port` (or `smtps://`); without it, email stays in the outbox.
    #[arg(long, env = "HOMEROOM_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// The sender of Homeroom's emails.
    #[arg(long, env = "HOMEROOM_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// Same as `--proxy-hops 1` (kept for older configurations).
    #[arg(long, env = "HOMEROOM_TRUST_PROXY")]
    pub trust_proxy: Option<bool>,
    /// How many reverse proxies stand in front of Homeroom (default 0). The client's
    /// address is read that many entries from the right of `X-Forwarded-For`, so an
    /// entry the client wrote itself is never believed; with 0 the header is ignored.
    #[arg(long, env = "HOMEROOM_PROXY_HOPS")]
    pub proxy_hops: Option<u8>,
    /// Serve `/metrics` only with `Authorization: Bearer <this token>`.
    #[arg(long, env = "HOMEROOM_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Serve `/metrics` on this address of its own (e.g. 127.0.0.1:9100) instead of on
    /// the public one. Without this or --metrics-token, `/metrics` answers 404.
    #[arg(long, env = "HOMEROOM_METRICS_LISTEN")]
    pub metrics_listen: Option<String>,
    /// `nats://host:port`: replicas share live sessions' events over NATS. Without it,
    /// one process fans them out in memory.
    #[arg(long, env = "HOMEROOM_NATS_URL")]
    pub nats_url: Option<String>,
    /// The largest photo people may upload, in MB (default 10).
    #[arg(long, env = "HOMEROOM_MAX_IMAGE_MB")]
    pub max_image_mb: Option<u64>,
    /// The largest voice recording, in MB (default 20).
    #[arg(long, env = "HOMEROOM_MAX_AUDIO_MB")]
    pub max_audio_mb: Option<u64>,
    /// The largest video clip, in MB (default 200).
    #[arg(long, env = "HOMEROOM_MAX_VIDEO_MB")]
    pub max_video_mb: Option<u64>,
    /// At most this many emails a minute from each server process (default 60).
    #[arg(long, env = "HOMEROOM_MAIL_PER_MINUTE")]
    pub mail_per_minute: Option<u32>,
    /// Seconds before the first retry of an email the server did not take (default 30;
    /// doubled on every further attempt).
    #[arg(long, env = "HOMEROOM_MAIL_RETRY_SECONDS")]
    pub mail_retry_seconds: Option<u64>,
    /// The largest other file (PDF, document, zip, text), in MB (default 20).
    #[arg(long, env = "HOMEROOM_MAX_FILE_MB")]
    pub max_file_mb: Option<u64>,
    /// Answer every request with an `x-statements` header counting the SQL statements it
    /// issued (for the query-budget test and benchmarks; off in production).
    #[arg(long, env = "HOMEROOM_COUNT_STATEMENTS")]
    pub count_statements: Option<bool>,
    /// Change a rate limit: ACTION=PERSON,ADDRESS/SECONDS (e.g. post=40,400/600) or
    /// ACTION=off; repeatable. Actions: post, message, invite, roster, reset, upload,
    /// search, shout-out. Defaults in docs/architecture.md ("Abuse limits").
    #[arg(long = "rate-limit", env = "HOMEROOM_RATE_LIMITS", value_delimiter = ';')]
    pub rate_limit: Vec<String>,
    /// How much each person's uploaded files may take in all, in MB (default 500).
    #[arg(long, env = "HOMEROOM_QUOTA_MB")]
    pub quota_mb: Option<u64>,
    /// Seconds an ordinary request may take (default 60).
    #[arg(long, env = "HOMEROOM_REQUEST_TIMEOUT_SECS")]
    pub request_timeout_secs: Option<u64>,
    /// Seconds a request carrying files may take (default 3600).
    #[arg(long, env = "HOMEROOM_UPLOAD_TIMEOUT_SECS")]
    pub upload_timeout_secs: Option<u64>,
    /// Seconds a request body may send nothing before it is cut off (default 30).
    #[arg(long, env = "HOMEROOM_IDLE_TIMEOUT_SECS")]
    pub idle_timeout_secs: Option<u64>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    host: Option<String>,
    port: Option<u16>,
    public_url: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    trust_proxy: Option<bool>,
    proxy_hops: Option<u8>,
    metrics_token: Option<String>,
    metrics_listen: Option<String>,
    nats_url: Option<String>,
    max_image_mb: Option<u64>,
    max_audio_mb: Option<u64>,
    max_video_mb: Option<u64>,
    mail_per_minute: Option<u32>,
    mail_retry_seconds: Option<u64>,
    max_file_mb: Option<u64>,
    count_statements: Option<bool>,
    rate_limits: Option<Vec<String>>,
    quota_mb: Option<u64>,
    request_timeout_secs: Option<u64>,
    upload_timeout_secs: Option<u64>,
    idle_timeout_secs: Option<u64>,
    /// Identity providers for single sign-on (`[[sso]]` tables; docs/sso.md).
    #[serde(default)]
    sso: Vec<crate::sso::config::ProviderFile>,
    fetch_private_addresses: Option<bool>,
}

/// The resolved configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub host: String,
    pub port: u16,
    pub public_url: Option<String>,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// Reverse proxies in front of us: trust that many `X-Forwarded-For` entries from
    /// the right (and `X-Forwarded-Proto`) and no more.
    pub proxy_hops: u8,
    pub metrics_token: Option<String>,
    pub metrics_listen: Option<String>,
    /// Live sessions fan out over NATS (`--nats-url`) when set.
    pub nats_url: Option<String>,
    /// Upload limits in MB, per kind of media.
    pub max_image_mb: u64,
    pub max_audio_mb: u64,
    pub max_video_mb: u64,
    pub mail_per_minute: u32,
    pub mail_retry_seconds: u64,
    pub max_file_mb: u64,
    pub count_statements: bool,
    /// Abuse limits (see `crate::abuse`).
    pub rate_limits: crate::abuse::RateLimits,
    pub quota_mb: u64,
    pub request_timeout_secs: u64,
    pub upload_timeout_secs: u64,
    pub idle_timeout_secs: u64,
    /// Identity providers for single sign-on, checked at start (`crate::sso::config`).
    pub sso: Vec<crate::sso::Provider>,
    /// Let the server fetch what others name (an LMS's picture of a person) from
    /// loopback and private addresses too. Off: only for tests and closed networks
    /// (config file only, `fetch_private_addresses = true`).
    pub fetch_private_addresses: bool,
}

impl Config {
    pub fn resolve(args: &ServerArgs) -> anyhow::Result<Config> {
        let file: FileConfig = match &args.config {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| anyhow::anyhow!("cannot read config file {}: {e}", path.display()))?;
                toml::from_str(&text).map_err(|e| anyhow::anyhow!("config file {}: {e}", path.display()))?
            }
            None => FileConfig::default(),
        };
        let data_dir = args.data_dir.clone().or(file.data_dir).unwrap_or_else(|| PathBuf::from("homeroom-data"));
        let database_url =
            args.database_url.clone().or(file.database_url).unwrap_or_else(|| crate::db::default_url(&data_dir));
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            anyhow::bail!("--database-url must start with sqlite:// or postgres://, not {database_url:?}");
        }
        let public_url = args.public_url.clone().or(file.public_url).map(|u| u.trim_end_matches('/').to_string());
        if let Some(u) = &public_url {
            url::Url::parse(u).map_err(|e| anyhow::anyhow!("--public-url {u:?}: {e}"))?;
        }
        let metrics_token = args.metrics_token.clone().or(file.metrics_token).filter(|t| !t.is_empty());
        if metrics_token.as_ref().is_some_and(|t| t.len() < 16) {
            anyhow::bail!("--metrics-token must be at least 16 characters long");
        }
        let metrics_listen = args.metrics_listen.clone().or(file.metrics_listen).filter(|a| !a.is_empty());
        // The file's overrides first, so that a flag for the same action wins.
        let specs: Vec<String> =
            file.rate_limits.unwrap_or_default().into_iter().chain(args.rate_limit.clone()).collect();
        let rate_limits = crate::abuse::RateLimits::with_overrides(&specs).map_err(|e| anyhow::anyhow!(e))?;
        let sso = crate::sso::config::resolve(file.sso, |k| std::env::var(k).ok()).map_err(|e| anyhow::anyhow!(e))?;
        Ok(Config {
            data_dir,
            database_url,
            host: args.host.clone().or(file.host).unwrap_or_else(|| "127.0.0.1".into()),
            port: args.port.or(file.port).unwrap_or(8080),
            public_url,
            smtp_url: args.smtp_url.clone().or(file.smtp_url),
            mail_from: args
                .mail_from
                .clone()
                .or(file.mail_from)
                .unwrap_or_else(|| "Homeroom <homeroom@localhost>".into()),
            proxy_hops: args
                .proxy_hops
                .or(file.proxy_hops)
                .unwrap_or_else(|| u8::from(args.trust_proxy.or(file.trust_proxy).unwrap_or(false))),
            metrics_token,
            metrics_listen,
            nats_url: args.nats_url.clone().or(file.nats_url).filter(|u| !u.is_empty()),
            max_image_mb: args.max_image_mb.or(file.max_image_mb).unwrap_or(10).max(1),
            max_audio_mb: args.max_audio_mb.or(file.max_audio_mb).unwrap_or(20).max(1),
            max_video_mb: args.max_video_mb.or(file.max_video_mb).unwrap_or(200).max(1),
            mail_per_minute: args.mail_per_minute.or(file.mail_per_minute).unwrap_or(60).max(1),
            mail_retry_seconds: args.mail_retry_seconds.or(file.mail_retry_seconds).unwrap_or(30).max(1),
            max_file_mb: args.max_file_mb.or(file.max_file_mb).unwrap_or(20).max(1),
            count_statements: args.count_statements.or(file.count_statements).unwrap_or(false),
            rate_limits,
            quota_mb: args.quota_mb.or(file.quota_mb).unwrap_or(500).max(1),
            request_timeout_secs: args.request_timeout_secs.or(file.request_timeout_secs).unwrap_or(60).max(1),
            upload_timeout_secs: args.upload_timeout_secs.or(file.upload_timeout_secs).unwrap_or(3600).max(1),
            idle_timeout_secs: args.idle_timeout_secs.or(file.idle_timeout_secs).unwrap_or(30).max(1),
            sso,
            fetch_private_addresses: file.fetch_private_addresses.unwrap_or(false),
        })
    }

    /// Cookies are marked Secure when people reach us over HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
    }

    /// The base of links in emails: the public URL, or the address we listen on.
    pub fn base_url(&self) -> String {
        self.public_url.clone().unwrap_or_else(|| format!("http://{}:{}", self.host, self.port))
    }

    pub fn data_path(&self, rel: &str) -> PathBuf {
        Path::new(&self.data_dir).join(rel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("homeroom.toml");
        std::fs::write(&file, "port = 9000\nhost = \"0.0.0.0\"\nmail_from = \"a@b.org\"\n").unwrap();
        let args = ServerArgs { config: Some(file), port: Some(9100), ..Default::default() };
        let c = Config::resolve(&args).unwrap();
        assert_eq!(c.port, 9100);
        assert_eq!(c.host, "0.0.0.0");
        assert_eq!(c.mail_from, "a@b.org");
        assert!(c.database_url.starts_with("sqlite://"));
    }

    #[test]
    fn mail_pacing_defaults_and_comes_from_the_file() {
        let c = Config::resolve(&ServerArgs::default()).unwrap();
        assert_eq!((c.mail_per_minute, c.mail_retry_seconds), (60, 30));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("homeroom.toml");
        std::fs::write(
            &file,
            "mail_per_minute = 0
mail_retry_seconds = 5
",
        )
        .unwrap();
        let c = Config::resolve(&ServerArgs { config: Some(file), ..Default::default() }).unwrap();
        // Zero would never send: the least is one a minute.
        assert_eq!((c.mail_per_minute, c.mail_retry_seconds), (1, 5));
    }

    #[test]
    fn bad_values_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bad.toml");
        std::fs::write(&file, "prot = 9000\n").unwrap();
        let err = Config::resolve(&ServerArgs { config: Some(file), ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("prot"), "{err}");
        let err =
            Config::resolve(&ServerArgs { database_url: Some("mysql://x".into()), ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("database-url"));
    }

    #[test]
    fn media_limits_come_from_flags_or_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("homeroom.toml");
        std::fs::write(&file, "max_video_mb = 50\nmax_audio_mb = 5\n").unwrap();
        let args = ServerArgs { config: Some(file), max_audio_mb: Some(8), ..Default::default() };
        let c = Config::resolve(&args).unwrap();
        assert_eq!((c.max_image_mb, c.max_audio_mb, c.max_video_mb), (10, 8, 50));
    }

    #[test]
    fn proxy_hops_default_to_none_and_trust_proxy_means_one() {
        assert_eq!(Config::resolve(&ServerArgs::default()).unwrap().proxy_hops, 0);
        let c = Config::resolve(&ServerArgs { trust_proxy: Some(true), ..Default::default() }).unwrap();
        assert_eq!(c.proxy_hops, 1);
        let c = Config::resolve(&ServerArgs { trust_proxy: Some(true), proxy_hops: Some(2), ..Default::default() })
            .unwrap();
        assert_eq!(c.proxy_hops, 2);
        let short = ServerArgs { metrics_token: Some("short".into()), ..Default::default() };
        assert!(Config::resolve(&short).unwrap_err().to_string().contains("metrics-token"));
    }

    #[test]
    fn abuse_limits_come_from_flags_or_the_file() {
        let c = Config::resolve(&ServerArgs::default()).unwrap();
        assert_eq!(
            (c.quota_mb, c.request_timeout_secs, c.upload_timeout_secs, c.idle_timeout_secs),
            (500, 60, 3600, 30)
        );
        assert_eq!(c.rate_limits, crate::abuse::RateLimits::default());
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("homeroom.toml");
        std::fs::write(&file, "quota_mb = 50\nrate_limits = [\"post=1,2/60\", \"search=3,4/60\"]\n").unwrap();
        let args = ServerArgs { config: Some(file), rate_limit: vec!["post=5,6/70".into()], ..Default::default() };
        let c = Config::resolve(&args).unwrap();
        use crate::abuse::{Act, Limit};
        assert_eq!(c.quota_mb, 50);
        assert_eq!(c.rate_limits.get(Act::Post), Limit { per_person: 5, per_address: 6, window_secs: 70 });
        assert_eq!(c.rate_limits.get(Act::Search), Limit { per_person: 3, per_address: 4, window_secs: 60 });
        let bad = ServerArgs { rate_limit: vec!["posting=1".into()], ..Default::default() };
        assert!(Config::resolve(&bad).unwrap_err().to_string().contains("--rate-limit"));
    }

    #[test]
    fn https_means_secure_cookies() {
        let c =
            Config::resolve(&ServerArgs { public_url: Some("https://hr.example.edu/".into()), ..Default::default() })
                .unwrap();
        assert!(c.secure_cookies());
        assert_eq!(c.base_url(), "https://hr.example.edu");
    }
}
