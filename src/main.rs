//! The `homeroom` command: the web server and the operator's tools.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use homeroom::config::{Config, ServerArgs};
use homeroom::{AppState, Application};

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "homeroom", version, about = "Homeroom: online courses where people know each other")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server.
    Serve(ServerArgs),
    /// Start a seeded demo course on embedded SQLite (seeded once; later starts reuse it).
    Demo {
        /// Students in the demo course, with posts, introductions, messages, groups and
        /// notifications in proportion (36 are written by hand; more are generated).
        #[arg(long, default_value_t = homeroom::demo::crowd::HAND_WRITTEN)]
        students: usize,
        /// Seed the database and exit without serving (for benchmarks: `homeroom serve`
        /// then runs on the seeded data).
        #[arg(long)]
        seed_only: bool,
        #[command(flatten)]
        server: ServerArgs,
    },
    /// Bring the database schema up to date and exit.
    Migrate(ServerArgs),
    /// Site administration.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Write everything Homeroom holds about a person as JSON.
    ExportUser {
        email: String,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        server: ServerArgs,
    },
    /// Erase a person: their account and everything only about them.
    EraseUser {
        email: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        server: ServerArgs,
    },
    /// Plan groups from a roster file so that people keep meeting someone new.
    Groups(homeroom_groups::cli::GroupsArgs),
    /// LTI 1.3: the tool's signing keys.
    Lti {
        #[command(subcommand)]
        command: LtiCommand,
    },
}

#[derive(Subcommand)]
enum LtiCommand {
    /// Make a new signing key; the previous one stays published until the next rotation.
    RotateKey {
        #[command(flatten)]
        server: ServerArgs,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a site admin (or make an existing account one).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Site Admin")]
        name: String,
        /// The password; if left out, read from HOMEROOM_ADMIN_PASSWORD or asked for.
        #[arg(long, env = "HOMEROOM_ADMIN_PASSWORD", hide_env_values = true)]
        password: Option<String>,
        #[command(flatten)]
        server: ServerArgs,
    },
}

fn main() {
    fewer_malloc_arenas();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("the async runtime starts");
    runtime.block_on(start());
}

/// glibc's allocator gives threads that allocate at the same time arenas of their own, up
/// to eight per core, and keeps what each arena once held. With SQLite every pooled
/// connection runs on a thread of its own (sqlx), so its page cache and statements each
/// sat in their own arena: 10,000 idle live sockets cost 174 MB on SQLite against 135 MB
/// on PostgreSQL, and 140 to 150 MB with two arenas (docs/decisions/0039). An operator's
/// own `MALLOC_ARENA_MAX` wins. Set before the runtime starts any thread.
fn fewer_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets a tuning parameter of the allocator, and no other
        // thread exists yet.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

async fn start() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "homeroom=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    if let Err(e) = run(Cli::parse()).await {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => {
            let app = Application::build(Config::resolve(&args)?).await?;
            eprintln!("Homeroom is listening on http://{}:{}", app.state().config.host, app.port());
            app.run().await
        }
        Command::Demo { students, seed_only, server } => demo(server, students, seed_only).await,
        Command::Lti { command: LtiCommand::RotateKey { server } } => {
            let config = Config::resolve(&server)?;
            let db = homeroom::db::connect(&config.database_url).await?;
            let kid = homeroom::lti::keys::rotate(&db).await?;
            eprintln!("The new LTI signing key is {kid}; the previous one stays published until the next rotation.");
            Ok(())
        }
        Command::Migrate(args) => {
            let config = Config::resolve(&args)?;
            homeroom::db::connect(&config.database_url).await?;
            eprintln!("The database schema is up to date.");
            Ok(())
        }
        Command::Admin { command: AdminCommand::Create { email, name, password, server } } => {
            let config = Config::resolve(&server)?;
            let password = match password {
                Some(p) => p,
                None => ask("Password for the new site admin: ")?,
            };
            let db = homeroom::db::connect(&config.database_url).await?;
            let user = homeroom::accounts::create_site_admin(&db, &email, &name, &password).await?;
            eprintln!("{} is now a site admin.", user.email);
            Ok(())
        }
        Command::ExportUser { email, out, server } => {
            let config = Config::resolve(&server)?;
            let db = homeroom::db::connect(&config.database_url).await?;
            let data = homeroom::privacy::export_user(&db, &email).await?;
            let text = serde_json::to_string_pretty(&data)?;
            match out {
                Some(path) => {
                    std::fs::write(&path, text + "\n")?;
                    eprintln!("Wrote {}.", path.display());
                }
                None => println!("{text}"),
            }
            Ok(())
        }
        Command::EraseUser { email, yes, server } => {
            let config = Config::resolve(&server)?;
            if !yes {
                if !std::io::stdin().is_terminal() {
                    anyhow::bail!("erasing cannot be undone: add --yes to confirm");
                }
                let answer = ask(&format!("Erase {email} and everything only about them? Type yes: "))?;
                if answer.trim() != "yes" {
                    anyhow::bail!("nothing erased");
                }
            }
            let db = homeroom::db::connect(&config.database_url).await?;
            homeroom::privacy::erase_user_and_media(&db, &config, &email).await?;
            eprintln!("Erased {email}.");
            Ok(())
        }
        Command::Groups(args) => homeroom_groups::cli::run(&args).map_err(|e| anyhow::anyhow!("{e}")),
    }
}

async fn demo(args: ServerArgs, students: usize, seed_only: bool) -> anyhow::Result<()> {
    let config = Config::resolve(&args)?;
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message("Opening the database");
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let started = std::time::Instant::now();
    let state = AppState::new(config).await?;
    // Bind first, so the links printed and emailed use the port we really got.
    let app = if seed_only { None } else { Some(Application::with_state_or_any_port(state.clone()).await?) };
    let port = app.as_ref().map_or(state.config.port, |a| a.port());
    let base = format!("http://{}:{}", state.config.host, port);
    let base_url = state.config.public_url.clone().unwrap_or_else(|| base.clone());
    let seeded = homeroom::demo::seed_with(&state.db, &state.mailer, &base_url, students, &|step| {
        bar.set_message(format!("Seeding the demo course: {step}"));
    })
    .await?;
    homeroom::demo::profiles::write_faces(&state.config, &state.db).await?;
    homeroom::demo::collage::write_pictures(&state.config, &state.db).await?;
    homeroom::demo::files::write_files(&state.config, &state.db).await?;
    homeroom::weekly::demo::write_clips(&state.config, &state.db).await?;
    bar.finish_and_clear();
    let Some(app) = app else {
        let secs = started.elapsed().as_secs_f64();
        let what = if seeded { "Seeded" } else { "Found" };
        println!("{what} the demo course in {}, in {secs:.1} s.", state.config.database_url);
        return Ok(());
    };
    let mut out = std::io::stdout().lock();
    writeln!(out)?;
    writeln!(out, "  Homeroom demo: \"{}\"", homeroom::demo::COURSE_TITLE)?;
    writeln!(
        out,
        "  {}",
        if seeded { "Seeded a new demo course." } else { "Reusing the demo data from an earlier start." }
    )?;
    writeln!(out)?;
    writeln!(out, "  Open {base}/ in your browser and sign in as:")?;
    for (who, email) in homeroom::demo::sign_ins() {
        writeln!(out, "    {who:<27} {email}")?;
    }
    writeln!(out, "  Every demo account's password is: {}", homeroom::demo::PASSWORD)?;
    writeln!(out, "  Email is not sent in the demo; the site admin reads it at {base}/admin/outbox")?;
    writeln!(out, "  Data: {}   (stop with Ctrl-C)", state.config.database_url)?;
    writeln!(out)?;
    drop(out);
    app.run().await
}

fn ask(prompt: &str) -> anyhow::Result<String> {
    eprint!("{prompt}");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}
