//! The `homeroom groups` command: reads a roster (and optionally an earlier plan as
//! history) from CSV, plans with the engine, prints the quality report and writes the
//! plan as Zoom breakout CSVs, a CSV or JSON. The only module of the crate that does I/O.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::model::*;
use crate::{WallClock, peer_partners, plan_with};

#[derive(Debug, Clone, clap::Args)]
#[command(about = "Plan breakout groups so the class keeps meeting someone new")]
pub struct GroupsArgs {
    /// Roster CSV with a header: name, email and optional organisation, time_zone,
    /// available_utc (e.g. "13-17;20-22"), interests and circumstances (";"-separated),
    /// birthday (MM-DD), volunteer (yes/no), facilitated (count); other columns are
    /// attributes too.
    #[arg(long)]
    pub roster: PathBuf,
    /// Group size (a target: the leftover members make some groups one larger).
    #[arg(long)]
    pub size: usize,
    /// Rounds to plan.
    #[arg(long, default_value_t = 1)]
    pub rounds: usize,
    /// Every group exactly --size (fails when the class does not divide evenly).
    #[arg(long)]
    pub exact: bool,
    /// Put leftover members in smaller groups (k and k-1) instead of larger (k and k+1).
    #[arg(long)]
    pub smaller: bool,
    /// Earlier plan as CSV with round,group,email (and optionally facilitator) columns,
    /// such as this command's --format csv output.
    #[arg(long)]
    pub history: Option<PathBuf>,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Search time, e.g. 1s, 500ms, 2m.
    #[arg(long, default_value = "1s")]
    pub time_limit: String,
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Output file; for zoom, one file per round named FILE-round-N.csv.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Attributes to mix within groups (comma-separated), e.g. organisation.
    #[arg(long, value_delimiter = ',')]
    pub mix: Vec<String>,
    /// Attributes to share within groups (comma-separated), e.g. circumstances.
    #[arg(long, value_delimiter = ',')]
    pub similar: Vec<String>,
    /// Hours of shared availability each group needs.
    #[arg(long)]
    pub overlap_hours: Option<u32>,
    /// Local hours people are available when the roster gives only a time zone.
    #[arg(long, default_value = "8-22")]
    pub day_hours: String,
    #[arg(long, value_enum)]
    pub facilitator: Option<FacilitatorArg>,
    /// Today's date as MM-DD for --facilitator birthday (default: today).
    #[arg(long)]
    pub today: Option<String>,
    /// Emails that must share a group, e.g. a@x.org,b@x.org (repeatable).
    #[arg(long)]
    pub keep_together: Vec<String>,
    /// Emails that must never share a group, e.g. a@x.org,b@x.org (repeatable).
    #[arg(long)]
    pub keep_apart: Vec<String>,
    /// Never leave one member alone with a value of this attribute: "attr" or
    /// "attr=value" (repeatable).
    #[arg(long)]
    pub no_lone: Vec<String>,
    /// Prompt for each round, in order (repeatable; reused when fewer than rounds).
    #[arg(long)]
    pub prompt: Vec<String>,
    /// Plan one round of peer partners by exact matching (pairs, one triple if odd).
    #[arg(long)]
    pub partners: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Zoom,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FacilitatorArg {
    Birthday,
    Volunteers,
    Rotation,
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}, line {line}: {message}")]
    Row { path: String, line: u64, message: String },
    #[error("{path}: {message}")]
    File { path: String, message: String },
    #[error("option {option}: {message}")]
    Option { option: String, message: String },
    #[error("{0}")]
    Plan(#[from] PlanError),
}

fn opt_err(option: &str, message: impl Into<String>) -> CliError {
    CliError::Option { option: option.into(), message: message.into() }
}

/// Runs `homeroom groups`.
pub fn run(args: &GroupsArgs) -> Result<(), CliError> {
    let roster_text = read(&args.roster)?;
    let mut class = parse_roster(&args.roster.display().to_string(), &roster_text, args)?;
    if let Some(path) = &args.history {
        let text = read(path)?;
        apply_history(&path.display().to_string(), &text, &mut class)?;
    }
    let request = build_request(args, &class)?;
    if args.format == Format::Zoom && args.out.is_none() {
        return Err(opt_err("--format zoom", "needs --out FILE (one file per round is written beside it)"));
    }

    let plan = if args.partners {
        let round = peer_partners(&class, &request)?;
        let mut p = Plan { rounds: vec![round], report: empty_report() };
        p.report = crate::evaluate(&class, &request, &p.rounds)?;
        p
    } else {
        let bar = indicatif::ProgressBar::with_draw_target(Some(1000), indicatif::ProgressDrawTarget::stderr());
        bar.set_message("planning groups");
        let plan =
            plan_with(&class, &request, &mut WallClock::start(), &mut |f| bar.set_position((f * 1000.0) as u64))?;
        bar.finish_and_clear();
        plan
    };

    let report_text = render_report(&class, &plan);
    match (&args.out, args.format) {
        (Some(out), Format::Zoom) => {
            let files = zoom_files(&class, &plan, out);
            for (path, body) in &files {
                write(path, body)?;
            }
            print!("{report_text}");
            for w in zoom_warnings(&plan) {
                eprintln!("warning: {w}");
            }
            println!(
                "Wrote {} Zoom pre-assignment file(s): {}",
                files.len(),
                files.iter().map(|(p, _)| p.display().to_string()).collect::<Vec<_>>().join(", ")
            );
            println!("Reminder: pre-assignment only works for students signed in to Zoom with the email listed here.");
        }
        (Some(out), format) => {
            let body = if format == Format::Json { to_json(&class, &plan) } else { to_csv(&class, &plan) };
            write(out, &body)?;
            print!("{report_text}");
            println!("Wrote {}", out.display());
        }
        (None, format) => {
            let body = if format == Format::Json { to_json(&class, &plan) } else { to_csv(&class, &plan) };
            eprint!("{report_text}");
            print!("{body}");
        }
    }
    Ok(())
}

fn empty_report() -> Report {
    Report {
        repeats_within_plan: 0,
        repeats_with_history: 0,
        repeat_free_rounds: 0,
        violations: Vec::new(),
        pairs_met: 0,
        pairs_possible: 0,
        sizes: SizeSpread { min: 0, max: 0, counts: BTreeMap::new() },
        bound: RoundBound { counting: 0, known: 0, note: String::new() },
        cost: 0,
        preference_cost: 0,
        elapsed_ms: 0,
        iterations: 0,
        proven_best: false,
    }
}

fn read(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|source| CliError::Io { path: path.display().to_string(), source })
}

fn write(path: &Path, body: &str) -> Result<(), CliError> {
    std::fs::write(path, body).map_err(|source| CliError::Io { path: path.display().to_string(), source })
}

/// Parses durations such as "1s", "500ms", "1.5s", "2m".
pub fn parse_duration(text: &str) -> Result<Duration, CliError> {
    let t = text.trim();
    let (num, unit) = t.find(|c: char| c.is_ascii_alphabetic()).map_or((t, "s"), |i| (&t[..i], &t[i..]));
    let value: f64 = num
        .trim()
        .parse()
        .map_err(|_| opt_err("--time-limit", format!("'{text}' is not a duration like 1s, 500ms or 2m")))?;
    let secs = match unit {
        "ms" => value / 1000.0,
        "s" => value,
        "m" | "min" => value * 60.0,
        _ => {
            return Err(opt_err("--time-limit", format!("unknown unit '{unit}' in '{text}' (use ms, s or m)")));
        }
    };
    if !secs.is_finite() || !(0.0..=86_400.0).contains(&secs) {
        return Err(opt_err("--time-limit", format!("'{text}' is out of range")));
    }
    Ok(Duration::from_secs_f64(secs))
}

fn parse_hours(option: &str, text: &str) -> Result<(u8, u8), CliError> {
    let bad = || opt_err(option, format!("'{text}' is not an hour range like 8-22"));
    let (a, b) = text.split_once('-').ok_or_else(bad)?;
    let a: u8 = a.trim().parse().map_err(|_| bad())?;
    let b: u8 = b.trim().parse().map_err(|_| bad())?;
    if a > 24 || b > 24 {
        return Err(bad());
    }
    Ok((a, b))
}

fn parse_month_day(text: &str) -> Option<(u8, u8)> {
    let t = text.trim();
    // Accept a full date (YYYY-MM-DD) too, as exported by many survey tools.
    let t = if t.len() == 10 { &t[5..] } else { t };
    let (m, d) = t.split_once(['-', '/'])?;
    let (m, d): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

/// UTC offset in minutes from an IANA name ("Europe/Oslo") or a fixed offset ("+02:00",
/// "UTC-5").
fn offset_minutes(zone: &str) -> Option<i32> {
    let z = zone.trim();
    let fixed = z.strip_prefix("UTC").or_else(|| z.strip_prefix("GMT")).unwrap_or(z);
    if fixed.is_empty() {
        return Some(0);
    }
    if fixed.starts_with(['+', '-']) {
        let sign = if fixed.starts_with('-') { -1 } else { 1 };
        let body = &fixed[1..];
        let (h, m) = body.split_once(':').unwrap_or((body, "0"));
        let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
        return (h <= 14 && m < 60).then_some(sign * (h * 60 + m));
    }
    let tz = jiff::tz::TimeZone::get(z).ok()?;
    Some(tz.to_offset(jiff::Timestamp::now()).seconds() / 60)
}

fn tags(text: &str) -> Vec<String> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(false).from_reader(text.as_bytes())
}

fn header_index(headers: &csv::StringRecord) -> BTreeMap<String, usize> {
    headers.iter().enumerate().map(|(i, h)| (h.trim().to_lowercase().replace([' ', '-'], "_"), i)).collect()
}

pub(crate) fn parse_roster(path: &str, text: &str, args: &GroupsArgs) -> Result<Class, CliError> {
    let mut rdr = csv_reader(text);
    let headers = rdr
        .headers()
        .map_err(|e| CliError::File { path: path.into(), message: format!("cannot read the header: {e}") })?
        .clone();
    let cols = header_index(&headers);
    for needed in ["name", "email"] {
        if !cols.contains_key(needed) {
            return Err(CliError::File {
                path: path.into(),
                message: format!(
                    "missing column '{needed}' (the header has: {})",
                    headers.iter().collect::<Vec<_>>().join(", ")
                ),
            });
        }
    }
    let (day_from, day_to) = parse_hours("--day-hours", &args.day_hours)?;
    let mut members: Vec<Member> = Vec::new();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for record in rdr.records() {
        let record = record.map_err(|e| CliError::Row {
            path: path.into(),
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let row_err = |message: String| CliError::Row { path: path.into(), line, message };
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        let get = |col: &str| cols.get(col).and_then(|&i| record.get(i)).unwrap_or("");
        let email = get("email").to_lowercase();
        if email.is_empty() || !email.contains('@') {
            return Err(row_err(format!("'{}' is not an email address", get("email"))));
        }
        if let Some(first) = seen.insert(email.clone(), line) {
            return Err(row_err(format!("duplicate email {email} (first on line {first})")));
        }
        let mut m = Member::new(email, get("name"));
        for (col, &i) in &cols {
            let value = record.get(i).unwrap_or("");
            match col.as_str() {
                "name" | "email" => {}
                "time_zone" | "timezone" | "tz" => {
                    if !value.is_empty() {
                        let off = offset_minutes(value).ok_or_else(|| {
                            row_err(format!("unknown time zone '{value}' (use an IANA name like Europe/Oslo or an offset like +02:00)"))
                        })?;
                        let window = HourSet::local_window(off, day_from, day_to);
                        m.availability = Some(m.availability.map_or(window, |a| a.intersection(window)));
                    }
                }
                "available_utc" => {
                    if !value.is_empty() {
                        let mut set = HourSet::EMPTY;
                        for part in tags(value) {
                            let (a, b) = parse_hours("available_utc", &part).map_err(|_| {
                                row_err(format!("available_utc '{part}' is not an hour range like 13-17"))
                            })?;
                            set = set.union(HourSet::utc_range(a, b));
                        }
                        // Explicit hours win over a window guessed from the time zone.
                        m.availability = Some(set);
                    }
                }
                "birthday" => {
                    if !value.is_empty() {
                        m.birthday = Some(
                            parse_month_day(value)
                                .ok_or_else(|| row_err(format!("birthday '{value}' is not a date like 03-21")))?,
                        );
                    }
                }
                "volunteer" => {
                    m.volunteer = matches!(value.to_lowercase().as_str(), "yes" | "y" | "true" | "1" | "x");
                }
                "facilitated" => {
                    if !value.is_empty() {
                        m.facilitated =
                            value.parse().map_err(|_| row_err(format!("facilitated '{value}' is not a count")))?;
                    }
                }
                other => {
                    let key = if other == "organization" { "organisation" } else { other };
                    let values = tags(value);
                    if !values.is_empty() {
                        m.attributes.insert(key.to_string(), values);
                    }
                }
            }
        }
        members.push(m);
    }
    if members.is_empty() {
        return Err(CliError::File { path: path.into(), message: "the roster has no members".into() });
    }
    Ok(Class { members, history: History::new() })
}

/// History rows `round,group,email[,facilitator]`: every (round, group) is one earlier
/// group; a facilitator column names the group's facilitator by email.
pub(crate) fn apply_history(path: &str, text: &str, class: &mut Class) -> Result<(), CliError> {
    let index: BTreeMap<String, usize> =
        class.members.iter().enumerate().map(|(i, m)| (m.id.to_lowercase(), i)).collect();
    let mut rdr = csv_reader(text);
    let headers = rdr
        .headers()
        .map_err(|e| CliError::File { path: path.into(), message: format!("cannot read the header: {e}") })?
        .clone();
    let cols = header_index(&headers);
    for needed in ["round", "group", "email"] {
        if !cols.contains_key(needed) {
            return Err(CliError::File {
                path: path.into(),
                message: format!("missing column '{needed}' (expected round,group,email)"),
            });
        }
    }
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    let mut facilitators: BTreeMap<(String, String), usize> = BTreeMap::new();
    for record in rdr.records() {
        let record = record.map_err(|e| CliError::Row {
            path: path.into(),
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let get = |col: &str| cols.get(col).and_then(|&i| record.get(i)).unwrap_or("");
        let lookup = |email: &str| {
            index.get(&email.to_lowercase()).copied().ok_or_else(|| CliError::Row {
                path: path.into(),
                line,
                message: format!("unknown email {email}: not in the roster"),
            })
        };
        let key = (get("round").to_string(), get("group").to_string());
        let m = lookup(get("email"))?;
        groups.entry(key.clone()).or_default().push(m);
        let fac = get("facilitator");
        if !fac.is_empty() {
            facilitators.insert(key, lookup(fac)?);
        }
    }
    for members in groups.values() {
        class.history.add_group(members);
    }
    for m in facilitators.into_values() {
        class.members[m].facilitated += 1;
    }
    Ok(())
}

fn emails_to_pairs(class: &Class, option: &str, values: &[String]) -> Result<Vec<(usize, usize)>, CliError> {
    let mut pairs = Vec::new();
    for v in values {
        let mut ids = Vec::new();
        for email in v.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let i = class
                .members
                .iter()
                .position(|m| m.id.eq_ignore_ascii_case(email))
                .ok_or_else(|| opt_err(option, format!("{email} is not in the roster")))?;
            ids.push(i);
        }
        if ids.len() < 2 {
            return Err(opt_err(option, format!("'{v}' needs at least two emails separated by commas")));
        }
        if option == "--keep-together" {
            pairs.extend(ids.windows(2).map(|w| (w[0], w[1])));
        } else {
            for (i, &a) in ids.iter().enumerate() {
                pairs.extend(ids[i + 1..].iter().map(|&b| (a, b)));
            }
        }
    }
    Ok(pairs)
}

pub(crate) fn build_request(args: &GroupsArgs, class: &Class) -> Result<Request, CliError> {
    let n = class.members.len();
    if args.size > n {
        return Err(opt_err("--size", format!("groups of {} are larger than the class ({n} members)", args.size)));
    }
    let size = if args.partners {
        GroupSize::Target(2, Remainder::Larger)
    } else if args.exact {
        GroupSize::Exact(args.size)
    } else {
        let rule = if args.smaller { Remainder::Smaller } else { Remainder::Larger };
        GroupSize::Target(args.size, rule)
    };
    let mut request = Request::new(size, args.rounds);
    request.seed = args.seed;
    request.time_limit = parse_duration(&args.time_limit)?;
    request.prompts = args.prompt.clone();
    let known: std::collections::BTreeSet<&str> =
        class.members.iter().flat_map(|m| m.attributes.keys().map(String::as_str)).collect();
    for (option, list, preference) in
        [("--mix", &args.mix, Preference::Mixed), ("--similar", &args.similar, Preference::Similar)]
    {
        for attribute in list {
            let attribute = attribute.trim().to_lowercase();
            if !known.contains(attribute.as_str()) {
                return Err(opt_err(option, format!("no roster column '{attribute}' has values")));
            }
            request.objectives.attributes.push(AttributeObjective { attribute, preference, weight: 10 });
        }
    }
    request.constraints.min_overlap_hours = args.overlap_hours;
    if let Some(h) = args.overlap_hours
        && h > 24
    {
        return Err(opt_err("--overlap-hours", format!("{h} is more than a day")));
    }
    request.constraints.keep_together = emails_to_pairs(class, "--keep-together", &args.keep_together)?;
    request.constraints.keep_apart = emails_to_pairs(class, "--keep-apart", &args.keep_apart)?;
    for rule in &args.no_lone {
        let (attribute, value) = match rule.split_once('=') {
            Some((a, v)) => (a.trim().to_lowercase(), Some(v.trim().to_string())),
            None => (rule.trim().to_lowercase(), None),
        };
        if !known.contains(attribute.as_str()) {
            return Err(opt_err("--no-lone", format!("no roster column '{attribute}' has values")));
        }
        request.constraints.no_lone.push(NoLone { attribute, value });
    }
    request.facilitator = match args.facilitator {
        None => FacilitatorRule::None,
        Some(FacilitatorArg::Volunteers) => FacilitatorRule::Volunteers,
        Some(FacilitatorArg::Rotation) => FacilitatorRule::Rotation,
        Some(FacilitatorArg::Birthday) => {
            let today = match &args.today {
                Some(t) => {
                    parse_month_day(t).ok_or_else(|| opt_err("--today", format!("'{t}' is not a date like 03-21")))?
                }
                None => {
                    let d = jiff::Zoned::now().date();
                    (d.month() as u8, d.day() as u8)
                }
            };
            FacilitatorRule::Birthday { today }
        }
    };
    Ok(request)
}

fn email(class: &Class, m: usize) -> &str {
    &class.members[m].id
}

pub(crate) fn to_csv(class: &Class, plan: &Plan) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["round", "group", "email", "name", "facilitator"]).unwrap();
    for (r, round) in plan.rounds.iter().enumerate() {
        for (g, group) in round.groups.iter().enumerate() {
            let fac = group.facilitator.map_or("", |f| email(class, f));
            for &m in &group.members {
                w.write_record([
                    (r + 1).to_string().as_str(),
                    (g + 1).to_string().as_str(),
                    email(class, m),
                    &class.members[m].name,
                    fac,
                ])
                .unwrap();
            }
        }
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

pub(crate) fn to_json(class: &Class, plan: &Plan) -> String {
    let rounds: Vec<serde_json::Value> = plan
        .rounds
        .iter()
        .map(|round| {
            let groups: Vec<serde_json::Value> = round
                .groups
                .iter()
                .map(|g| {
                    serde_json::json!({
                        "members": g.members.iter().map(|&m| email(class, m)).collect::<Vec<_>>(),
                        "facilitator": g.facilitator.map(|f| email(class, f)),
                        "prompt": g.prompt,
                    })
                })
                .collect();
            serde_json::json!({ "groups": groups })
        })
        .collect();
    let value = serde_json::json!({ "rounds": rounds, "report": plan.report });
    let mut s = serde_json::to_string_pretty(&value).unwrap();
    s.push('\n');
    s
}

fn zoom_path(out: &Path, round: usize) -> PathBuf {
    let stem = out.file_stem().map_or("breakouts".into(), |s| s.to_string_lossy().into_owned());
    out.with_file_name(format!("{stem}-round-{round}.csv"))
}

pub(crate) fn zoom_files(class: &Class, plan: &Plan, out: &Path) -> Vec<(PathBuf, String)> {
    plan.rounds
        .iter()
        .enumerate()
        .map(|(r, round)| {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["Pre-assign Room Name", "Email Address"]).unwrap();
            for (g, group) in round.groups.iter().enumerate() {
                for &m in &group.members {
                    w.write_record([format!("Room {}", g + 1).as_str(), email(class, m)]).unwrap();
                }
            }
            (zoom_path(out, r + 1), String::from_utf8(w.into_inner().unwrap()).unwrap())
        })
        .collect()
}

/// Zoom's documented limits for pre-assigned breakout rooms.
pub(crate) fn zoom_warnings(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for (r, round) in plan.rounds.iter().enumerate() {
        let people: usize = round.groups.iter().map(|g| g.members.len()).sum();
        if round.groups.len() > 100 {
            out.push(format!("round {} has {} rooms; Zoom pre-assigns at most 100", r + 1, round.groups.len()));
        }
        if people > 1000 {
            out.push(format!("round {} has {people} participants; Zoom pre-assigns at most 1,000", r + 1));
        }
    }
    out
}

pub(crate) fn render_report(class: &Class, plan: &Plan) -> String {
    let r = &plan.report;
    let mut s = String::new();
    let _ = writeln!(s, "Plan: {} round(s) for {} members", plan.rounds.len(), class.members.len());
    let sizes: Vec<String> = r.sizes.counts.iter().map(|(k, c)| format!("{c} of {k}")).collect();
    let _ = writeln!(s, "  groups per round: {}", sizes.join(", "));
    let _ = writeln!(
        s,
        "  repeat encounters: {} within the plan, {} with people met before",
        r.repeats_within_plan, r.repeats_with_history
    );
    let _ = writeln!(s, "  rounds without any repeat: {}", r.repeat_free_rounds);
    let _ = writeln!(
        s,
        "  pairs who have met: {} of {} ({:.0}%)",
        r.pairs_met,
        r.pairs_possible,
        100.0 * r.pairs_met as f64 / r.pairs_possible.max(1) as f64
    );
    let _ = writeln!(s, "  most repeat-free rounds possible: {} ({})", r.bound.known, r.bound.note);
    if r.violations.is_empty() {
        let _ = writeln!(s, "  rules: all kept");
    } else {
        let _ = writeln!(s, "  rules broken ({}):", r.violations.len());
        for v in &r.violations {
            let _ = writeln!(s, "    - {}", v.explanation);
        }
    }
    let _ = writeln!(
        s,
        "  search: {} ms, {} steps{}",
        r.elapsed_ms,
        r.iterations,
        if r.proven_best { ", cannot be improved" } else { "" }
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: GroupsArgs,
    }

    fn args(extra: &[&str]) -> GroupsArgs {
        let mut v = vec!["groups", "--roster", "r.csv", "--size", "2"];
        v.extend_from_slice(extra);
        Cli::try_parse_from(v).unwrap().args
    }

    const ROSTER: &str = "name,email,organisation,time_zone,circumstances,birthday,volunteer\n\
        Ana,ana@x.org,Oslo,Europe/Oslo,parent;carer,03-21,yes\n\
        Bo,bo@x.org,Lima,America/Lima,parent,12-01,\n\
        Cy,cy@x.org,Oslo,+05:30,,,no\n\
        Di,di@x.org,Pune,UTC,student,07-04,\n";

    #[test]
    fn reads_a_roster() {
        let class = parse_roster("r.csv", ROSTER, &args(&[])).unwrap();
        assert_eq!(class.members.len(), 4);
        assert_eq!(class.members[0].values("circumstances"), ["parent", "carer"]);
        assert_eq!(class.members[0].birthday, Some((3, 21)));
        assert!(class.members[0].volunteer && !class.members[2].volunteer);
        assert!(class.members[3].availability.is_some());
    }

    #[test]
    fn roster_errors_name_the_line() {
        let dup = "name,email\nA,a@x.org\nB,a@x.org\n";
        let e = parse_roster("r.csv", dup, &args(&[])).unwrap_err().to_string();
        assert!(e.contains("line 3") && e.contains("duplicate"), "{e}");
        let missing = "name,mail\nA,a@x.org\n";
        let e = parse_roster("r.csv", missing, &args(&[])).unwrap_err().to_string();
        assert!(e.contains("missing column 'email'"), "{e}");
        let tz = "name,email,time_zone\nA,a@x.org,Mars/Base\n";
        let e = parse_roster("r.csv", tz, &args(&[])).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("Mars/Base"), "{e}");
        let short = "name,email\nA,a@x.org,extra\n";
        let e = parse_roster("r.csv", short, &args(&[])).unwrap_err().to_string();
        assert!(e.contains("line 2"), "{e}");
    }

    #[test]
    fn history_errors_and_counts() {
        let mut class = parse_roster("r.csv", ROSTER, &args(&[])).unwrap();
        let e = apply_history("h.csv", "round,group,email\n1,1,zed@x.org\n", &mut class).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("zed@x.org"), "{e}");
        apply_history(
            "h.csv",
            "round,group,email,name,facilitator\n1,1,ana@x.org,Ana,bo@x.org\n1,1,bo@x.org,Bo,bo@x.org\n",
            &mut class,
        )
        .unwrap();
        assert_eq!(class.history.count(0, 1), 1);
        assert_eq!(class.members[1].facilitated, 1);
    }

    #[test]
    fn option_errors() {
        let class = parse_roster("r.csv", ROSTER, &args(&[])).unwrap();
        let e = build_request(&args(&["--time-limit", "soon"]), &class).unwrap_err().to_string();
        assert!(e.contains("--time-limit"), "{e}");
        let mut a = args(&[]);
        a.size = 9;
        let e = build_request(&a, &class).unwrap_err().to_string();
        assert!(e.contains("--size") && e.contains("larger than the class"), "{e}");
        let e = build_request(&args(&["--keep-apart", "ana@x.org,nobody@x.org"]), &class).unwrap_err().to_string();
        assert!(e.contains("nobody@x.org"), "{e}");
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
    }

    #[test]
    fn impossible_constraints_are_explained() {
        let class = parse_roster("r.csv", ROSTER, &args(&[])).unwrap();
        let a = args(&["--keep-together", "ana@x.org,bo@x.org", "--keep-apart", "ana@x.org,bo@x.org"]);
        let request = build_request(&a, &class).unwrap();
        let e = crate::plan(&class, &request).unwrap_err().to_string();
        assert!(e.contains("ana@x.org") && e.contains("bo@x.org"), "{e}");
    }

    fn small_plan(format_args: &[&str]) -> (Class, Plan) {
        let class = parse_roster("r.csv", ROSTER, &args(&[])).unwrap();
        let mut a = args(format_args);
        a.time_limit = "50ms".into();
        a.rounds = 2;
        a.prompt = vec!["Say hello".into()];
        a.facilitator = Some(FacilitatorArg::Volunteers);
        let request = build_request(&a, &class).unwrap();
        let plan = crate::plan(&class, &request).unwrap();
        (class, plan)
    }

    #[test]
    fn zoom_files_have_the_zoom_header() {
        let (class, plan) = small_plan(&[]);
        let files = zoom_files(&class, &plan, Path::new("/tmp/plan.csv"));
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].0, PathBuf::from("/tmp/plan-round-1.csv"));
        assert!(files[0].1.starts_with("Pre-assign Room Name,Email Address\n"));
        assert_eq!(files[0].1.lines().count(), 5);
        assert!(zoom_warnings(&plan).is_empty());
    }

    #[test]
    fn json_has_the_agreed_shape() {
        let (class, plan) = small_plan(&[]);
        let v: serde_json::Value = serde_json::from_str(&to_json(&class, &plan)).unwrap();
        let obj = v.as_object().unwrap();
        assert_eq!(obj.keys().collect::<Vec<_>>(), ["report", "rounds"]);
        let group = &v["rounds"][0]["groups"][0];
        assert_eq!(group.as_object().unwrap().len(), 3);
        assert!(group["members"][0].as_str().unwrap().contains('@'));
        assert!(group["facilitator"].as_str().unwrap().contains('@'));
        assert_eq!(group["prompt"], "Say hello");
        assert!(v["report"]["repeats_within_plan"].is_u64());
    }

    #[test]
    fn csv_output_feeds_back_as_history() {
        let (class, plan) = small_plan(&[]);
        let text = to_csv(&class, &plan);
        assert!(text.starts_with("round,group,email,name,facilitator\n"));
        let mut again = class.clone();
        apply_history("plan.csv", &text, &mut again).unwrap();
        let mut expected = History::new();
        expected.add_plan(&plan);
        assert_eq!(again.history, expected);
    }
}
