//! Mutations for the stable fuzz runner: the usual byte-level changes (flip, insert,
//! delete, duplicate, splice) plus tokens each parser cares about, so that random inputs
//! reach past the first check of a format.

use rand::Rng;
use rand::rngs::StdRng;

/// Tokens worth inserting, per target.
pub fn dictionary(target: &str) -> &'static [&'static [u8]] {
    match target {
        "markdown" => &[
            b"<script>",
            b"</script>",
            b"<img src=x onerror=alert(1)>",
            b"javascript:",
            b"[a](",
            b")",
            b"<a href=\"",
            b"\">",
            b" onclick=\"x()\"",
            b"`",
            b"\n\n",
            b"&#106;",
            b"&#x6a;",
            b"![i](",
            b"<svg onload=x>",
            b"**",
            b"> ",
            b"- ",
            b"1. ",
            b"|a|b|\n|-|-|\n",
            b"<!--",
            b"-->",
            b"<style>",
            b"data:text/html,",
            b"\\",
        ],
        "roster" => &[
            b"name,email,role\n",
            b"email,name\n",
            b"\"",
            b",",
            b"\r\n",
            b"\n",
            b"\xef\xbb\xbf",
            b"@example.org",
            b"student",
            b"tutor",
            b"ta",
            b"observer",
            b"\"\"",
            b"=cmd|' /C calc'!A0",
            b"\t",
        ],
        "survey_answer" => &[b"\0", b"|", b"1", b"5", b"0", b"168", b"169", b"-1", b" ", b"=1+1", b"99999999999"],
        "media_sniff" => &[
            b"bytes=",
            b"-",
            b",",
            b"\xff\xd8\xff",
            b"\x89PNG\r\n\x1a\n",
            b"RIFF",
            b"WEBP",
            b"WAVE",
            b"OggS",
            b"\x1a\x45\xdf\xa3",
            b"ftyp",
            b"ID3",
            b"%PDF-",
            b"PK\x03\x04",
            b"mimetype",
            b"0",
            b"18446744073709551615",
        ],
        "multipart" => &[
            b"--XyZ",
            b"--XyZzY",
            b"\r\n",
            b"\r\n\r\n",
            b"Content-Disposition: form-data; name=\"",
            b"\"; filename=\"",
            b"photo",
            b"clip",
            b"file",
            b"_csrf",
            b"Content-Type: text/plain",
            b"--",
            b"\x89PNG\r\n\x1a\n",
            b"OggS",
            b"%PDF-1.4\n",
        ],
        _ => &[],
    }
}

/// Change `input` a few times at random.
pub fn mutate(rng: &mut StdRng, input: &[u8], others: &[Vec<u8>], dict: &[&[u8]], max_len: usize) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..rng.random_range(1..=4) {
        let len = out.len();
        match rng.random_range(0..8) {
            0 if len > 0 => {
                let i = rng.random_range(0..len);
                out[i] ^= 1 << rng.random_range(0..8);
            }
            1 if len > 0 => {
                let i = rng.random_range(0..len);
                out[i] = rng.random();
            }
            2 => {
                let i = rng.random_range(0..=len);
                let n = rng.random_range(1..=8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.random()).collect();
                out.splice(i..i, bytes);
            }
            3 if len > 0 => {
                let i = rng.random_range(0..len);
                let j = rng.random_range(i..=len.min(i + 16));
                out.drain(i..j);
            }
            4 if len > 0 => {
                let i = rng.random_range(0..len);
                let j = rng.random_range(i..=len.min(i + 32));
                let piece = out[i..j].to_vec();
                let at = rng.random_range(0..=out.len());
                out.splice(at..at, piece);
            }
            5 if !others.is_empty() => {
                let other = &others[rng.random_range(0..others.len())];
                let cut = rng.random_range(0..=out.len());
                let from = rng.random_range(0..=other.len());
                out.truncate(cut);
                out.extend_from_slice(&other[from..]);
            }
            _ if !dict.is_empty() => {
                let token = dict[rng.random_range(0..dict.len())];
                let at = rng.random_range(0..=out.len());
                out.splice(at..at, token.iter().copied());
            }
            _ => out.push(rng.random()),
        }
    }
    out.truncate(max_len);
    out
}
