//! SQL text as the two catalogs print it, brought to one spelling so that the same expression
//! compares equal: SQLite hands back defaults, index predicates and checks as they were written
//! in the migration, PostgreSQL reprints them from its parse tree (`((deleted_at IS NULL) AND
//! (phone <> ''::text))`).
//!
//! The text is split into tokens (so whitespace and comments no longer matter), and then:
//! keywords and identifiers are lower-cased and unquoted, parentheses dropped, casts (`::text`)
//! dropped, `!=` spelt `<>`, a quoted number spelt as the number (`'0'::double precision` is
//! `0`), a negative number kept as one token, and PostgreSQL's `= ANY (ARRAY[…])` spelt back as
//! `IN (…)`. String literals keep their case.
//!
//! It is a comparison of spellings, not of meaning: dropping parentheses also hides a change of
//! grouping (`a AND (b OR c)` against `(a AND b) OR c`), and PostgreSQL's other rewrites
//! (`BETWEEN` expanded, for one) are not undone. Migrations should write defaults,
//! predicates and checks in the plain form both backends print alike.

use super::TypeClass;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
    /// A keyword or an unquoted identifier, lower-cased.
    Word(String),
    /// A quoted identifier, unquoted and lower-cased (never taken for a keyword).
    Ident(String),
    /// A string literal's text between its quotes, as written (doubled quotes kept).
    Str(String),
    /// A numeric literal, in canonical form.
    Num(String),
    /// An operator or punctuation.
    Sym(String),
}

impl Token {
    fn is_sym(&self, s: &str) -> bool {
        matches!(self, Token::Sym(t) if t == s)
    }

    pub(super) fn is_word(&self, w: &str) -> bool {
        matches!(self, Token::Word(t) if t == w)
    }

    fn render(&self, out: &mut String) {
        match self {
            Token::Word(s) | Token::Ident(s) | Token::Num(s) | Token::Sym(s) => out.push_str(s),
            Token::Str(s) => {
                out.push('\'');
                out.push_str(s);
                out.push('\'');
            }
        }
    }
}

/// Two- and three-character operators, longest first.
const OPERATORS: [&str; 12] = [
    "!~~", "~~*", "::", "<>", "!=", ">=", "<=", "==", "||", "->", "~~", "<<",
];

/// Splits SQL text into tokens; comments and whitespace are dropped.
pub(super) fn tokens(sql: &str) -> Vec<Token> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    // The text up to (not including) the first `end` at or after `from`, and the index after it;
    // a doubled `end` stands for one inside the quotes.
    let quoted = |from: usize, end: char| -> (String, usize) {
        let mut s = String::new();
        let mut j = from;
        while j < chars.len() {
            if chars[j] == end {
                if chars.get(j + 1) == Some(&end) {
                    s.push(end);
                    s.push(end);
                    j += 2;
                    continue;
                }
                return (s, j + 1);
            }
            s.push(chars[j]);
            j += 1;
        }
        (s, j)
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && next == Some('-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '\'' {
            let (s, j) = quoted(i + 1, '\'');
            out.push(match number(&s) {
                Some(n) => Token::Num(n),
                None => Token::Str(s),
            });
            i = j;
        } else if c == '"' || c == '`' {
            // (Not SQLite's `[name]`: PostgreSQL prints arrays with brackets.)
            let (s, j) = quoted(i + 1, c);
            let doubled: String = [c, c].iter().collect();
            out.push(Token::Ident(
                s.replace(&doubled, &c.to_string()).to_lowercase(),
            ));
            i = j;
        } else if c.is_ascii_digit() || (c == '.' && next.is_some_and(|n| n.is_ascii_digit())) {
            let start = i;
            while i < chars.len() {
                let d = chars[i];
                let exponent_sign =
                    (d == '+' || d == '-') && i > start && matches!(chars[i - 1], 'e' | 'E');
                if d.is_ascii_alphanumeric() || d == '.' || exponent_sign {
                    i += 1;
                } else {
                    break;
                }
            }
            let text: String = chars[start..i].iter().collect();
            out.push(Token::Num(number(&text).unwrap_or(text)));
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            out.push(Token::Word(word.to_lowercase()));
        } else {
            let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
            let op = OPERATORS
                .iter()
                .find(|op| rest.starts_with(*op))
                .map_or_else(|| c.to_string(), |op| op.to_string());
            i += op.chars().count();
            out.push(Token::Sym(op));
        }
    }
    out
}

/// `text` in canonical form when it is a number (`0`, `-1`, `0.0`, `1e3`), else `None`.
fn number(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || !t.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.') {
        return None;
    }
    if let Ok(i) = t.parse::<i64>() {
        return Some(i.to_string());
    }
    t.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .map(|f| f.to_string())
}

/// Words that continue a type name after its first word (`double precision`, `character
/// varying`, `timestamp with time zone`).
const TYPE_CONTINUATIONS: [&str; 6] = ["precision", "varying", "with", "without", "time", "zone"];

/// Words after which a `-` is a sign, not a subtraction.
const OPERAND_EXPECTED: [&str; 12] = [
    "and", "or", "not", "is", "in", "like", "when", "then", "else", "case", "between", "default",
];

/// PostgreSQL prints `x IN (a, b)` as `x = ANY (ARRAY[a, b])` and `x NOT IN (a, b)` as
/// `x <> ALL (ARRAY[a, b])`: spelt back as written.
fn in_lists(tokens: &[Token]) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut k = 0;
    while k < tokens.len() {
        let negated = tokens[k].is_sym("<>") && tokens.get(k + 1).is_some_and(|t| t.is_word("all"));
        let plain = tokens[k].is_sym("=") && tokens.get(k + 1).is_some_and(|t| t.is_word("any"));
        let array = tokens.get(k + 2).is_some_and(|t| t.is_sym("("))
            && tokens.get(k + 3).is_some_and(|t| t.is_word("array"))
            && tokens.get(k + 4).is_some_and(|t| t.is_sym("["));
        if (negated || plain) && array {
            let mut depth = 0usize;
            let close = tokens[k + 4..].iter().position(|t| {
                if t.is_sym("[") {
                    depth += 1;
                } else if t.is_sym("]") {
                    depth -= 1;
                }
                depth == 0
            });
            if let Some(close) = close.map(|c| k + 4 + c) {
                if tokens.get(close + 1).is_some_and(|t| t.is_sym(")")) {
                    if negated {
                        out.push(Token::Word("not".into()));
                    }
                    out.push(Token::Word("in".into()));
                    out.push(Token::Sym("(".into()));
                    out.extend_from_slice(&tokens[k + 5..close]);
                    out.push(Token::Sym(")".into()));
                    k = close + 2;
                    continue;
                }
            }
        }
        out.push(tokens[k].clone());
        k += 1;
    }
    out
}

/// The canonical spelling of an expression's tokens (see the module documentation).
pub(super) fn normalize_tokens(tokens: &[Token]) -> String {
    let tokens = &in_lists(tokens)[..];
    let mut kept: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        i += 1;
        match t {
            Token::Sym(s) if s == "(" || s == ")" => {}
            Token::Sym(s) if s == "::" => {
                // The type name: a word, its continuations, a modifier list, array brackets.
                if matches!(tokens.get(i), Some(Token::Word(_) | Token::Ident(_))) {
                    i += 1;
                }
                while tokens
                    .get(i)
                    .is_some_and(|t| TYPE_CONTINUATIONS.iter().any(|w| t.is_word(w)))
                {
                    i += 1;
                }
                if tokens.get(i).is_some_and(|t| t.is_sym("(")) {
                    while i < tokens.len() && !tokens[i].is_sym(")") {
                        i += 1;
                    }
                    i += 1;
                }
                while tokens.get(i).is_some_and(|t| t.is_sym("["))
                    && tokens.get(i + 1).is_some_and(|t| t.is_sym("]"))
                {
                    i += 2;
                }
            }
            Token::Sym(s) if s == "!=" => kept.push(Token::Sym("<>".into())),
            Token::Sym(s) if s == "==" => kept.push(Token::Sym("=".into())),
            Token::Sym(s) if s == "~~" => kept.push(Token::Word("like".into())),
            Token::Sym(s) if s == "~~*" => kept.push(Token::Word("ilike".into())),
            Token::Sym(s) if s == "!~~" => {
                kept.push(Token::Word("not".into()));
                kept.push(Token::Word("like".into()));
            }
            Token::Num(n) => {
                let signed = kept.last().is_some_and(|t| t.is_sym("-"))
                    && match kept.len().checked_sub(2).map(|k| &kept[k]) {
                        None => true,
                        Some(Token::Sym(s)) => s != ")",
                        Some(Token::Word(w)) => OPERAND_EXPECTED.contains(&w.as_str()),
                        Some(_) => false,
                    };
                if signed {
                    kept.pop();
                    let negated = format!("-{n}");
                    kept.push(Token::Num(number(&negated).unwrap_or(negated)));
                } else {
                    kept.push(t.clone());
                }
            }
            _ => kept.push(t.clone()),
        }
    }
    let mut out = String::new();
    for (k, t) in kept.iter().enumerate() {
        let glued = k == 0 || t.is_sym(",") || t.is_sym(".") || kept[k - 1].is_sym(".");
        if !glued {
            out.push(' ');
        }
        t.render(&mut out);
    }
    out
}

/// The canonical spelling of an SQL expression (see the module documentation).
pub fn normalize_expr(sql: &str) -> String {
    normalize_tokens(&tokens(sql))
}

/// The canonical spelling of a column default, `None` for none: `NULL`, and the identity or
/// serial default of an id column (`nextval(…)`), count as none. For a boolean column `1`/`0`
/// and `'t'`/`'f'` are `true`/`false`.
pub fn normalize_default(sql: Option<&str>, class: TypeClass) -> Option<String> {
    let n = normalize_expr(sql?);
    if n.is_empty() || n == "null" || n.starts_with("nextval ") {
        return None;
    }
    if class == TypeClass::Boolean {
        match n.as_str() {
            "1" | "true" | "'t'" | "'true'" => return Some("true".into()),
            "0" | "false" | "'f'" | "'false'" => return Some("false".into()),
            _ => {}
        }
    }
    Some(n)
}

/// The canonical spelling of a CHECK constraint: its expression, without `CHECK` and without
/// PostgreSQL's `NOT VALID` / `NO INHERIT` suffixes.
pub fn normalize_check(sql: &str) -> String {
    let mut t = tokens(sql);
    if t.first().is_some_and(|t| t.is_word("check")) {
        t.remove(0);
    }
    while let [.., a, b] = &t[..] {
        let suffix =
            (a.is_word("not") && b.is_word("valid")) || (a.is_word("no") && b.is_word("inherit"));
        if !suffix {
            break;
        }
        t.truncate(t.len() - 2);
    }
    normalize_tokens(&t)
}

/// The tokens from `open` (a `(`) to its matching `)`, both excluded, and the index after it.
fn parenthesized(tokens: &[Token], open: usize) -> (&[Token], usize) {
    let mut depth = 0usize;
    for (k, t) in tokens.iter().enumerate().skip(open) {
        if t.is_sym("(") {
            depth += 1;
        } else if t.is_sym(")") {
            depth -= 1;
            if depth == 0 {
                return (&tokens[open + 1..k], k + 1);
            }
        }
    }
    (&tokens[(open + 1).min(tokens.len())..], tokens.len())
}

/// The CHECK constraints in a SQLite `CREATE TABLE` statement (column and table constraints
/// alike), normalised, sorted.
pub(super) fn sqlite_checks(create_table: &str) -> Vec<String> {
    let t = tokens(create_table);
    let mut checks = Vec::new();
    let mut k = 0;
    while k < t.len() {
        if t[k].is_word("check") && t.get(k + 1).is_some_and(|t| t.is_sym("(")) {
            let (inner, after) = parenthesized(&t, k + 1);
            checks.push(normalize_tokens(inner));
            k = after;
        } else {
            k += 1;
        }
    }
    checks.sort();
    checks
}

/// A SQLite `CREATE INDEX` statement's key entries (normalised, without `ASC`/`DESC`/`COLLATE`)
/// and its partial-index predicate (normalised), if any.
pub(super) fn sqlite_index_parts(create_index: &str) -> (Vec<String>, Option<String>) {
    let t = tokens(create_index);
    let Some(on) = t.iter().position(|t| t.is_word("on")) else {
        return (Vec::new(), None);
    };
    let Some(open) = t[on..].iter().position(|t| t.is_sym("(")).map(|p| on + p) else {
        return (Vec::new(), None);
    };
    let (list, after) = parenthesized(&t, open);
    let mut entries = Vec::new();
    let mut depth = 0usize;
    let mut entry: Vec<Token> = Vec::new();
    for tok in list.iter().chain(std::iter::once(&Token::Sym(",".into()))) {
        if tok.is_sym(",") && depth == 0 {
            let mut e = std::mem::take(&mut entry);
            if e.last()
                .is_some_and(|t| t.is_word("asc") || t.is_word("desc"))
            {
                e.pop();
            }
            if let Some(p) = e.iter().position(|t| t.is_word("collate")) {
                e.truncate(p);
            }
            entries.push(normalize_tokens(&e));
            continue;
        }
        if tok.is_sym("(") {
            depth += 1;
        } else if tok.is_sym(")") {
            depth = depth.saturating_sub(1);
        }
        entry.push(tok.clone());
    }
    let predicate = match t.get(after) {
        Some(w) if w.is_word("where") => Some(normalize_tokens(&t[after + 1..])),
        _ => None,
    };
    (entries, predicate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicates_compare_equal_across_the_backends() {
        let sqlite = "deleted_at IS NULL AND phone <> ''";
        let postgres = "((deleted_at IS NULL) AND (phone <> ''::text))";
        assert_eq!(normalize_expr(sqlite), "deleted_at is null and phone <> ''");
        assert_eq!(normalize_expr(postgres), normalize_expr(sqlite));
        assert_eq!(
            normalize_expr("\"phone\"  !=\n''"),
            normalize_expr("phone <> ''::text")
        );
        assert_eq!(
            normalize_expr("name::character varying(20) = 'A b'"),
            "name = 'A b'"
        );
        assert_eq!(normalize_expr("x ~~ 'a%'"), normalize_expr("x LIKE 'a%'"));
        assert_eq!(
            normalize_expr("(b = ANY (ARRAY['x'::text, 'y'::text]))"),
            normalize_expr("b IN ('x', 'y')")
        );
        assert_eq!(
            normalize_expr("(b <> ALL (ARRAY['x'::text]))"),
            normalize_expr("b NOT IN ('x')")
        );
        assert_eq!(normalize_expr("b IN ('x', 'y')"), "b in 'x', 'y'");
        assert_eq!(normalize_expr("lower(email)"), "lower email");
        assert_eq!(normalize_expr("coalesce(a , 0)"), "coalesce a, 0");
        assert_eq!(normalize_expr("t.a = 1"), "t.a = 1");
        // String literals keep their case; words do not.
        assert_ne!(
            normalize_expr("kind = 'File'"),
            normalize_expr("kind = 'file'")
        );
        assert_eq!(
            normalize_expr("KIND = 'file'"),
            normalize_expr("kind = 'file'")
        );
        // Comments are not part of the expression.
        assert_eq!(
            normalize_expr("a = 1 -- it's one\n AND b = 2"),
            "a = 1 and b = 2"
        );
    }

    #[test]
    fn defaults_compare_equal_across_the_backends() {
        use TypeClass::*;
        let same = |sqlite: &str, postgres: &str, class: TypeClass| {
            assert_eq!(
                normalize_default(Some(sqlite), class),
                normalize_default(Some(postgres), class),
                "{sqlite} / {postgres}"
            );
        };
        same("''", "''::text", Text);
        same("'{}'", "'{}'::text", Text);
        same(
            "'application/octet-stream'",
            "'application/octet-stream'::text",
            Text,
        );
        same("0", "0", Integer);
        same("3600", "3600", Integer);
        same("-1", "'-1'::integer", Integer);
        same("(-1)", "'-1'::bigint", Integer);
        same("0", "'0'::double precision", Real);
        same("0.5", "'0.5'::double precision", Real);
        same("TRUE", "true", Boolean);
        same("FALSE", "false", Boolean);
        same("1", "true", Boolean);
        same("0", "false", Boolean);
        assert_eq!(normalize_default(Some("''"), Text).as_deref(), Some("''"));
        assert_eq!(
            normalize_default(Some("'{}'"), Text).as_deref(),
            Some("'{}'")
        );
        assert_eq!(
            normalize_default(Some("TRUE"), Boolean).as_deref(),
            Some("true")
        );
        assert_ne!(
            normalize_default(Some("TRUE"), Boolean),
            normalize_default(Some("false"), Boolean)
        );
        assert_ne!(
            normalize_default(Some("0"), Integer),
            normalize_default(Some("1"), Integer)
        );
        // No default, NULL and an identity/serial id count as none.
        assert_eq!(normalize_default(None, Integer), None);
        assert_eq!(normalize_default(Some("NULL"), Text), None);
        assert_eq!(
            normalize_default(Some("nextval('users_id_seq'::regclass)"), Integer),
            None
        );
    }

    #[test]
    fn checks_compare_equal_across_the_backends() {
        assert_eq!(
            normalize_check("CHECK ((attendance >= '-1'::integer)) NOT VALID"),
            "attendance >= -1"
        );
        let create = "CREATE TABLE t (\n    a BIGINT NOT NULL CHECK (a >= -1), -- the check (a) 'x'\n    \
                      b TEXT NOT NULL DEFAULT '' CHECK(b <> 'check'),\n    CONSTRAINT ab CHECK (a < 10 OR b != '')\n)";
        assert_eq!(
            sqlite_checks(create),
            [
                normalize_check("CHECK (((a < 10) OR (b <> ''::text)))"),
                normalize_check("CHECK ((a >= '-1'::integer))"),
                normalize_check("CHECK ((b <> 'check'::text))"),
            ]
        );
        assert!(
            sqlite_checks("CREATE TABLE t (\"check\" TEXT, -- check (x)\n y BIGINT)").is_empty()
        );
    }

    #[test]
    fn reads_sqlite_index_statements() {
        assert_eq!(
            sqlite_index_parts(
                "CREATE UNIQUE INDEX clients_location_phone ON clients (location_id, phone) \
                 WHERE deleted_at IS NULL AND phone <> ''"
            ),
            (
                vec!["location_id".to_string(), "phone".to_string()],
                Some(normalize_expr(
                    "((deleted_at IS NULL) AND (phone <> ''::text))"
                ))
            )
        );
        assert_eq!(
            sqlite_index_parts(
                "CREATE INDEX x ON \"t\" (lower(email) COLLATE NOCASE, id DESC, coalesce(a, b))"
            ),
            (
                vec![
                    "lower email".to_string(),
                    "id".to_string(),
                    "coalesce a, b".to_string()
                ],
                None
            )
        );
    }
}
