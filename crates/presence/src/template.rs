//! Personalised messages: a tutor writes one message with merge fields and conditional
//! blocks, and each student receives their own version.
//!
//! The language is Jinja (through `minijinja`), cut down to what a message needs:
//! `{{ first_name }}`, `{% if days_since_posted >= 7 %}…{% elif … %}…{% else %}…{% endif %}`
//! and `{% for … %}` over lists such as a group's members. What makes it safe to let any
//! tutor write one:
//! - **Only the fields given.** Every name a template reads is checked against the
//!   [`FieldSet`] when it is composed, so a misspelt or forbidden field is an error the
//!   tutor sees at once, not a blank in 500 sent messages. The environment has no
//!   globals, no loader (no `include`, `import`, `extends`) and a short list of filters.
//! - **Bounded work.** The source length, the nesting depth and the instructions one
//!   rendering may execute ("fuel") are capped, so a template cannot loop for ever.
//! - **Values are escaped for where they land**: HTML, Markdown (in-app messages are
//!   Markdown) or plain text (email), so a student's name cannot inject markup.
//! - **Variants are countable**: [`Compiled::variant`] renders the message with every
//!   merge field blanked out, so students who get the same branches share a key, and the
//!   composer can say "34 get version A, 12 get version B".

use std::collections::{BTreeMap, BTreeSet};

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, ErrorKind, Output, State, UndefinedBehavior};
use serde::Serialize;

/// The longest template we accept, in bytes (a long email is a few thousand).
pub const MAX_SOURCE: usize = 20_000;
/// The longest message one rendering may produce, in bytes: a loop over a long value
/// cannot make a message of megabytes.
pub const MAX_OUTPUT: usize = 50_000;
/// How deeply blocks may nest.
pub const MAX_DEPTH: usize = 8;
/// Instructions one rendering may run: plenty for any real message, far too few for a
/// loop meant to exhaust the server.
const FUEL: u64 = 50_000;

/// What kind of value a merge field holds; used for sample values when checking a
/// template, and for the composer's list of fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum FieldKind {
    Text,
    Number,
    List,
    Bool,
}

/// The fields a template may read, by dotted name (`first_name`, `survey.circumstances`).
#[derive(Clone, Debug, Default)]
pub struct FieldSet {
    fields: BTreeMap<String, FieldKind>,
}

impl FieldSet {
    pub fn new() -> FieldSet {
        FieldSet::default()
    }

    pub fn with(mut self, name: impl Into<String>, kind: FieldKind) -> FieldSet {
        self.add(name, kind);
        self
    }

    pub fn add(&mut self, name: impl Into<String>, kind: FieldKind) {
        self.fields.insert(name.into(), kind);
    }

    pub fn kind(&self, name: &str) -> Option<FieldKind> {
        self.fields.get(name).copied()
    }

    pub fn names(&self) -> impl Iterator<Item = (&str, FieldKind)> {
        self.fields.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// A value of the right kind for every field, nested by the dots, for trial renders.
    fn sample(&self) -> Value {
        let mut root = serde_json::Map::new();
        for (name, kind) in &self.fields {
            let v = match kind {
                FieldKind::Text => serde_json::Value::String("x".into()),
                FieldKind::Number => serde_json::Value::from(1),
                FieldKind::List => serde_json::Value::Array(vec!["x".into()]),
                FieldKind::Bool => serde_json::Value::Bool(true),
            };
            insert_dotted(&mut root, name, v);
        }
        Value::from(Serde(serde_json::Value::Object(root)))
    }
}

/// One recipient's values, by the same dotted names.
#[derive(Clone, Debug, Default)]
pub struct Values {
    root: serde_json::Map<String, serde_json::Value>,
}

impl Values {
    pub fn new() -> Values {
        Values::default()
    }

    pub fn set(&mut self, name: &str, value: impl Into<serde_json::Value>) -> &mut Values {
        insert_dotted(&mut self.root, name, value.into());
        self
    }

    pub fn with(mut self, name: &str, value: impl Into<serde_json::Value>) -> Values {
        self.set(name, value);
        self
    }
}

fn insert_dotted(root: &mut serde_json::Map<String, serde_json::Value>, name: &str, v: serde_json::Value) {
    let mut parts = name.split('.').peekable();
    let mut map = root;
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            map.insert(part.to_string(), v);
            return;
        }
        let entry = map.entry(part.to_string()).or_insert_with(|| serde_json::Value::Object(Default::default()));
        if !entry.is_object() {
            *entry = serde_json::Value::Object(Default::default());
        }
        map = entry.as_object_mut().expect("just made an object");
    }
}

/// Where the rendered text goes, which decides how merge values are escaped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Plain text (the text part of an email): values as they are.
    Text,
    /// Markdown (in-app messages): Markdown's punctuation in values is escaped, so a value
    /// is always shown as the words it is.
    Markdown,
    /// HTML: values are HTML-escaped.
    Html,
}

/// Why a template was refused or could not be rendered, in terms the composer can show.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("the message is too long ({0} characters; at most {MAX_SOURCE})")]
    TooLong(usize),
    #[error("blocks are nested too deeply (at most {MAX_DEPTH})")]
    TooDeep,
    #[error("unknown fields: {}", .0.join(", "))]
    UnknownFields(Vec<String>),
    #[error("only if and for blocks are allowed, not {0:?} (line {1})")]
    BlockNotAllowed(String, usize),
    #[error("line {line}: {message}")]
    Syntax { line: usize, message: String },
    #[error("the message would be too long for someone (at most {MAX_OUTPUT} characters)")]
    TooMuchOutput,
    #[error("the message did too much work to render")]
    TooMuchWork,
    #[error("{0}")]
    Render(String),
}

/// A template that passed every check, ready to render for each recipient.
#[derive(Clone, Debug)]
pub struct Compiled {
    source: String,
    /// The fields it reads, for the composer ("uses: first name, group").
    pub fields: BTreeSet<String>,
}

/// The blocks a message may use.
const ALLOWED_BLOCKS: [&str; 6] = ["if", "elif", "else", "endif", "for", "endfor"];

/// Check a template against the fields on offer.
pub fn compile(source: &str, fields: &FieldSet) -> Result<Compiled, TemplateError> {
    if source.len() > MAX_SOURCE {
        return Err(TemplateError::TooLong(source.chars().count()));
    }
    check_blocks(source)?;
    let env = environment(Mode::Text, false);
    let tmpl = env.template_from_str(source).map_err(syntax_error)?;
    let used: BTreeSet<String> = tmpl.undeclared_variables(true).into_iter().collect();
    let unknown: Vec<String> = used
        .iter()
        .filter(|name| fields.kind(name).is_none() && !is_prefix_of_known(name, fields, &used))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(TemplateError::UnknownFields(unknown));
    }
    // A trial render with a value for every field finds what parsing cannot: a filter
    // that does not exist, a comparison of a list with a number.
    tmpl.render(fields.sample()).map_err(render_error)?;
    let fields = used.into_iter().filter(|n| fields.kind(n).is_some()).collect();
    Ok(Compiled { source: source.to_string(), fields })
}

/// `survey` alone is reported as used when the template reads `survey.circumstances`
/// through a subscript the analysis cannot follow; accept a prefix only when a longer
/// known name that it prefixes is used too.
fn is_prefix_of_known(name: &str, fields: &FieldSet, used: &BTreeSet<String>) -> bool {
    let prefix = format!("{name}.");
    used.iter().any(|u| u.starts_with(&prefix) && fields.kind(u).is_some())
}

impl Compiled {
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The message as one recipient receives it.
    pub fn render(&self, values: &Values, mode: Mode) -> Result<String, TemplateError> {
        let env = environment(mode, false);
        let tmpl = env.template_from_str(&self.source).map_err(syntax_error)?;
        let out = tmpl.render(Value::from(Serde(&values.root))).map_err(render_error)?;
        if out.len() > MAX_OUTPUT {
            return Err(TemplateError::TooMuchOutput);
        }
        Ok(tidy(&out))
    }

    /// A key shared by every recipient who gets the same branches: the message with the
    /// merge fields left out.
    pub fn variant(&self, values: &Values) -> Result<String, TemplateError> {
        let env = environment(Mode::Text, true);
        let tmpl = env.template_from_str(&self.source).map_err(syntax_error)?;
        let out = tmpl.render(Value::from(Serde(&values.root))).map_err(render_error)?;
        Ok(tidy(&out))
    }
}

/// The longest recipient condition we accept, in bytes.
pub const MAX_CONDITION: usize = 500;

/// A condition that chooses recipients ("days_since_posted >= 7 and group == 3"): one
/// Jinja expression over the same fields as a message, checked the same way.
#[derive(Clone, Debug)]
pub struct Condition {
    source: String,
}

/// Check a recipient condition against the fields on offer. An empty condition holds
/// for everyone.
pub fn compile_condition(source: &str, fields: &FieldSet) -> Result<Condition, TemplateError> {
    let source = source.trim();
    if source.len() > MAX_CONDITION {
        return Err(TemplateError::TooLong(source.chars().count()));
    }
    if source.is_empty() {
        return Ok(Condition { source: String::new() });
    }
    // An expression has no blocks; a `{` could only try to open one.
    if source.contains("{%") || source.contains("{{") || source.contains("{#") {
        return Err(TemplateError::BlockNotAllowed("{".into(), 1));
    }
    let env = environment(Mode::Text, false);
    let expr = env.compile_expression(source).map_err(syntax_error)?;
    let used: BTreeSet<String> = expr.undeclared_variables(true).into_iter().collect();
    let unknown: Vec<String> = used
        .iter()
        .filter(|name| fields.kind(name).is_none() && !is_prefix_of_known(name, fields, &used))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(TemplateError::UnknownFields(unknown));
    }
    expr.eval(fields.sample()).map_err(render_error)?;
    Ok(Condition { source: source.to_string() })
}

impl Condition {
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the condition holds for one recipient (an empty one always does).
    pub fn holds(&self, values: &Values) -> Result<bool, TemplateError> {
        if self.source.is_empty() {
            return Ok(true);
        }
        let env = environment(Mode::Text, false);
        let expr = env.compile_expression(&self.source).map_err(syntax_error)?;
        Ok(expr.eval(Value::from(Serde(&values.root))).map_err(render_error)?.is_true())
    }
}

/// Conditional blocks leave blank lines behind; more than one in a row is never meant.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.trim().lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_end().to_string()
}

fn environment(mode: Mode, blank_fields: bool) -> Environment<'static> {
    let mut env = Environment::empty();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(MAX_DEPTH * 4);
    // Block tags on their own line leave no blank line behind.
    let syntax = minijinja::syntax::SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build();
    env.set_syntax(syntax.expect("the default delimiters are valid"));
    env.set_auto_escape_callback(move |_| if mode == Mode::Html { AutoEscape::Html } else { AutoEscape::None });
    env.add_filter("lower", |s: String| s.to_lowercase());
    env.add_filter("upper", |s: String| s.to_uppercase());
    env.add_filter("trim", |s: String| s.trim().to_string());
    env.add_filter("length", |v: Value| v.len().unwrap_or(0));
    env.add_filter("join", |v: Vec<Value>, sep: Option<String>| {
        v.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(sep.as_deref().unwrap_or(", "))
    });
    env.add_filter("default", |v: Value, d: Value| if v.is_undefined() || v.is_none() { d } else { v });
    if blank_fields {
        env.set_formatter(|out: &mut Output, _: &mut State, _: &Value| {
            out.write_str("\u{2026}").map_err(|_| minijinja::Error::from(ErrorKind::WriteFailure))
        });
    } else if mode == Mode::Markdown {
        env.set_formatter(|out: &mut Output, _: &mut State, v: &Value| {
            out.write_str(&escape_markdown(&plain(v))).map_err(|_| minijinja::Error::from(ErrorKind::WriteFailure))
        });
    } else if mode == Mode::Text {
        env.set_formatter(|out: &mut Output, _: &mut State, v: &Value| {
            out.write_str(&plain(v)).map_err(|_| minijinja::Error::from(ErrorKind::WriteFailure))
        });
    }
    env
}

/// How a value reads in a message: lists as "a, b and c", nothing for none.
fn plain(v: &Value) -> String {
    if v.is_none() || v.is_undefined() {
        return String::new();
    }
    if let Ok(iter) = v.try_iter()
        && v.as_str().is_none()
        && v.kind() == minijinja::value::ValueKind::Seq
    {
        let items: Vec<String> = iter.map(|x| plain(&x)).collect();
        return match items.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        };
    }
    v.to_string()
}

/// Backslash-escape everything Markdown (and the HTML it allows) could read as syntax.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '('
                | ')'
                | '#'
                | '+'
                | '-'
                | '.'
                | '!'
                | '|'
                | '~'
                | '&'
                | '@'
        ) {
            out.push('\\');
        }
        // A line break inside a value would let it start a heading or a list.
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

/// Refuse every block tag but if/for, and nesting deeper than [`MAX_DEPTH`].
fn check_blocks(source: &str) -> Result<(), TemplateError> {
    let mut depth = 0usize;
    let mut rest = source;
    let mut offset = 0;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let body = after.trim_start_matches(['-', '+']).trim_start();
        let word: String = body.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let line = source[..offset + start].matches('\n').count() + 1;
        if !ALLOWED_BLOCKS.contains(&word.as_str()) {
            return Err(TemplateError::BlockNotAllowed(word, line));
        }
        match word.as_str() {
            "if" | "for" => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(TemplateError::TooDeep);
                }
            }
            "endif" | "endfor" => depth = depth.saturating_sub(1),
            _ => {}
        }
        offset += start + 2;
        rest = after;
    }
    Ok(())
}

fn syntax_error(e: minijinja::Error) -> TemplateError {
    TemplateError::Syntax { line: e.line().unwrap_or(1), message: e.detail().unwrap_or("cannot read this").to_string() }
}

fn render_error(e: minijinja::Error) -> TemplateError {
    match e.kind() {
        ErrorKind::OutOfFuel => TemplateError::TooMuchWork,
        ErrorKind::UndefinedError => TemplateError::UnknownFields(vec![e.detail().unwrap_or("?").to_string()]),
        _ => TemplateError::Render(e.detail().map(str::to_string).unwrap_or_else(|| e.kind().to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fields() -> FieldSet {
        FieldSet::new()
            .with("first_name", FieldKind::Text)
            .with("group", FieldKind::Text)
            .with("days_since_posted", FieldKind::Number)
            .with("survey.circumstances", FieldKind::Text)
            .with("group_members", FieldKind::List)
    }

    fn ann() -> Values {
        Values::new()
            .with("first_name", "Ann")
            .with("group", "Group 3")
            .with("days_since_posted", 9)
            .with("survey.circumstances", "Parent of two, works nights")
            .with("group_members", vec!["Bo", "Cy", "Di"])
    }

    #[test]
    fn merge_fields_and_conditions() {
        let t = compile(
            "Hi {{ first_name }},\n{% if days_since_posted >= 7 %}\nWe miss you in the forum.\n{% endif %}\n{% if 'parent' in survey.circumstances|lower %}\nEvening sessions are recorded.\n{% endif %}\nYour group: {{ group_members }}.",
            &fields(),
        )
        .unwrap();
        assert_eq!(
            t.render(&ann(), Mode::Text).unwrap(),
            "Hi Ann,\nWe miss you in the forum.\nEvening sessions are recorded.\nYour group: Bo, Cy and Di."
        );
        let bo = ann().with("first_name", "Bo").with("days_since_posted", 1).with("survey.circumstances", "");
        assert_eq!(t.render(&bo, Mode::Text).unwrap(), "Hi Bo,\nYour group: Bo, Cy and Di.");
        assert_eq!(
            t.fields.iter().cloned().collect::<Vec<_>>(),
            ["days_since_posted", "first_name", "group_members", "survey.circumstances"]
        );
    }

    #[test]
    fn unknown_fields_are_named_when_composing() {
        let err = compile("Hi {{ firstname }} {{ password_hash }}", &fields()).unwrap_err();
        assert_eq!(err, TemplateError::UnknownFields(vec!["firstname".into(), "password_hash".into()]));
        // A field hidden in a branch that the sample would not take is still caught.
        let err = compile("{% if false %}{{ survey.secret }}{% endif %}", &fields()).unwrap_err();
        assert_eq!(err, TemplateError::UnknownFields(vec!["survey.secret".into()]));
    }

    #[test]
    fn only_if_and_for() {
        for bad in [
            "{% include 'x' %}",
            "{% import 'x' as y %}",
            "{% extends 'x' %}",
            "{% macro m() %}{% endmacro %}",
            "{% set x = 1 %}",
            "{% raw %}{% endraw %}",
        ] {
            assert!(matches!(compile(bad, &fields()), Err(TemplateError::BlockNotAllowed(..))), "{bad}");
        }
    }

    #[test]
    fn no_escape_from_the_fields_given() {
        // No globals, no functions to call, no way to reach the environment.
        for bad in ["{{ range(10) }}", "{{ namespace() }}", "{{ self }}", "{{ debug() }}", "{{ cycler() }}"] {
            assert!(compile(bad, &fields()).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_loop_cannot_run_for_ever() {
        let f = fields().with("many", FieldKind::List);
        let t = compile(
            "{% for a in many %}{% for b in many %}{% for c in many %}x{% endfor %}{% endfor %}{% endfor %}",
            &f,
        )
        .unwrap();
        let big = ann().with("many", (0..200).collect::<Vec<i32>>());
        assert_eq!(t.render(&big, Mode::Text), Err(TemplateError::TooMuchWork));
    }

    #[test]
    fn deep_nesting_and_long_sources_are_refused() {
        let deep = "{% if true %}".repeat(MAX_DEPTH + 1) + &"{% endif %}".repeat(MAX_DEPTH + 1);
        assert_eq!(compile(&deep, &fields()).unwrap_err(), TemplateError::TooDeep);
        assert!(matches!(compile(&"a".repeat(MAX_SOURCE + 1), &fields()), Err(TemplateError::TooLong(_))));
    }

    #[test]
    fn values_cannot_inject_markup() {
        let t = compile("Hi {{ first_name }}!", &fields()).unwrap();
        let evil = ann().with("first_name", "<script>x</script> [a](javascript:alert(1))");
        let html = t.render(&evil, Mode::Html).unwrap();
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"), "{html}");
        let md = t.render(&evil, Mode::Markdown).unwrap();
        assert!(md.contains("\\[a\\]\\(javascript:alert\\(1\\)\\)") && md.contains("\\<script\\>"), "{md}");
        // The tutor's own Markdown is left alone.
        let t = compile("**Hi** {{ first_name }}", &fields()).unwrap();
        assert_eq!(t.render(&ann(), Mode::Markdown).unwrap(), "**Hi** Ann");
    }

    #[test]
    fn variants_group_recipients_by_branch() {
        let t = compile(
            "Hi {{ first_name }}. {% if days_since_posted >= 7 %}Miss you.{% else %}Thanks!{% endif %}",
            &fields(),
        )
        .unwrap();
        let a = t.variant(&ann()).unwrap();
        let b = t.variant(&ann().with("first_name", "Bo")).unwrap();
        let c = t.variant(&ann().with("days_since_posted", 2)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a, "Hi \u{2026}. Miss you.");
    }

    #[test]
    fn syntax_errors_say_where() {
        match compile("Hello\n{% if %}x{% endif %}", &fields()) {
            Err(TemplateError::Syntax { line, .. }) => assert_eq!(line, 2),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn output_is_bounded() {
        let f = fields().with("many", FieldKind::List);
        let t = compile("{% for a in many %}{{ survey.circumstances }}{% endfor %}", &f).unwrap();
        let big = ann().with("many", (0..100).collect::<Vec<i32>>()).with("survey.circumstances", "x".repeat(5_000));
        assert_eq!(t.render(&big, Mode::Text), Err(TemplateError::TooMuchOutput));
    }

    #[test]
    fn conditions_choose_recipients() {
        let c =
            compile_condition("days_since_posted >= 7 and 'parent' in survey.circumstances|lower", &fields()).unwrap();
        assert!(c.holds(&ann()).unwrap());
        assert!(!c.holds(&ann().with("days_since_posted", 2)).unwrap());
        assert!(compile_condition("  ", &fields()).unwrap().holds(&ann()).unwrap());
        assert_eq!(
            compile_condition("password_hash == 'x'", &fields()).unwrap_err(),
            TemplateError::UnknownFields(vec!["password_hash".into()])
        );
        for bad in ["range(10)", "x %}{{ first_name }}{% if 1", "(", &"1 + ".repeat(200)] {
            assert!(compile_condition(bad, &fields()).is_err(), "{bad}");
        }
    }

    proptest! {
        /// Whatever a tutor types, composing and rendering never panic, and a template
        /// that composes renders for any recipient with the declared fields.
        #[test]
        fn any_input_is_handled(src in "[a-z {}%|'\\.\\n<>=!0-9_-]{0,80}", name in "\\PC{0,20}") {
            if let Ok(t) = compile(&src, &fields()) {
                let v = ann().with("first_name", name.as_str());
                let _ = t.render(&v, Mode::Html);
                let _ = t.variant(&v);
            }
        }

        /// Whatever condition a tutor types, checking and evaluating never panic.
        #[test]
        fn any_condition_is_handled(src in "[a-z {}%|'\\.<>=!0-9_()-]{0,60}") {
            if let Ok(c) = compile_condition(&src, &fields()) {
                let _ = c.holds(&ann());
            }
        }

        /// No value a student controls can open a tag in HTML output.
        #[test]
        fn html_output_never_opens_a_tag_from_a_value(name in "\\PC{0,40}") {
            let t = compile("{{ first_name }}", &fields()).unwrap();
            let out = t.render(&ann().with("first_name", name.as_str()), Mode::Html).unwrap();
            prop_assert!(!out.contains('<'));
        }
    }
}
