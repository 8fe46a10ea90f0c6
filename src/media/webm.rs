//! Making browser recordings seekable. `MediaRecorder` writes WebM as it goes: the
//! Segment and every Cluster have "unknown" sizes, the Info has no Duration and there are
//! no Cues, so players show 0:00 and cannot seek. Once the whole file is here we know
//! everything it lacked, so we write the same frames again in a seekable layout:
//!
//! ```text
//! EBML header (as sent)
//! Segment (known size)
//!   SeekHead  → Info, Tracks, Cues
//!   Info      (as sent, with Duration)
//!   Tracks    (as sent)
//!   …         (Tags, Chapters, Attachments as sent)
//!   Cues      (one point per Cluster)
//!   Cluster … (known sizes, children as sent)
//! ```
//!
//! Pure: bytes in, bytes out, so it is unit-, property- and fuzz-tested. Only the element
//! headers are rewritten; every frame is copied byte for byte. Anything we do not
//! understand is an error and the caller keeps the file as it came.

/// Element ids (with their length marker, as written).
mod id {
    pub const EBML: u32 = 0x1A45_DFA3;
    pub const SEGMENT: u32 = 0x1853_8067;
    pub const SEEK_HEAD: u32 = 0x114D_9B74;
    pub const SEEK: u32 = 0x4DBB;
    pub const SEEK_ID: u32 = 0x53AB;
    pub const SEEK_POSITION: u32 = 0x53AC;
    pub const INFO: u32 = 0x1549_A966;
    pub const TIMECODE_SCALE: u32 = 0x2A_D7B1;
    pub const DURATION: u32 = 0x4489;
    pub const TRACKS: u32 = 0x1654_AE6B;
    pub const TRACK_ENTRY: u32 = 0xAE;
    pub const TRACK_NUMBER: u32 = 0xD7;
    pub const TRACK_TYPE: u32 = 0x83;
    pub const CLUSTER: u32 = 0x1F43_B675;
    pub const TIMECODE: u32 = 0xE7;
    pub const SIMPLE_BLOCK: u32 = 0xA3;
    pub const BLOCK_GROUP: u32 = 0xA0;
    pub const BLOCK: u32 = 0xA1;
    pub const BLOCK_DURATION: u32 = 0x9B;
    pub const CUES: u32 = 0x1C53_BB6B;
    pub const CUE_POINT: u32 = 0xBB;
    pub const CUE_TIME: u32 = 0xB3;
    pub const CUE_TRACK_POSITIONS: u32 = 0xB7;
    pub const CUE_TRACK: u32 = 0xF7;
    pub const CUE_CLUSTER_POSITION: u32 = 0xF1;
    pub const VOID: u32 = 0xEC;
    pub const CRC32: u32 = 0xBF;
    pub const TAGS: u32 = 0x1254_C367;
    pub const CHAPTERS: u32 = 0x1043_A770;
    pub const ATTACHMENTS: u32 = 0x1941_A469;
}

/// Why a file was left as it came.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebmError {
    /// Not EBML, or an element runs past the end of the file.
    Malformed,
    /// Valid, but laid out in a way this rewriter does not handle.
    Unsupported,
    /// No frames at all.
    Empty,
}

/// What [`make_seekable`] found and made.
#[derive(Debug, PartialEq)]
pub struct Seekable {
    /// The rewritten file, or `None` when it had a Duration and Cues already.
    pub bytes: Option<Vec<u8>>,
    /// How long the recording plays, in milliseconds.
    pub duration_ms: u64,
}

/// An element header: its id, where its data starts and how long it is (`None` for an
/// unknown size).
#[derive(Clone, Copy, Debug)]
struct Header {
    id: u32,
    data: usize,
    size: Option<usize>,
}

/// The length of a variable-size integer from its first byte (1 to 8).
fn vint_len(first: u8) -> Option<usize> {
    (first != 0).then(|| first.leading_zeros() as usize + 1)
}

fn read_id(b: &[u8], at: usize) -> Result<(u32, usize), WebmError> {
    let first = *b.get(at).ok_or(WebmError::Malformed)?;
    let len = vint_len(first).filter(|l| *l <= 4).ok_or(WebmError::Malformed)?;
    let bytes = b.get(at..at + len).ok_or(WebmError::Malformed)?;
    Ok((bytes.iter().fold(0u32, |acc, x| (acc << 8) | u32::from(*x)), len))
}

/// A size: `Ok((None, len))` when every value bit is set ("unknown").
fn read_size(b: &[u8], at: usize) -> Result<(Option<u64>, usize), WebmError> {
    let first = *b.get(at).ok_or(WebmError::Malformed)?;
    let len = vint_len(first).ok_or(WebmError::Malformed)?;
    let bytes = b.get(at..at + len).ok_or(WebmError::Malformed)?;
    let mask = if len == 8 { 0 } else { 0xFFu8 >> len };
    let mut v = u64::from(first & mask);
    for x in &bytes[1..] {
        v = (v << 8) | u64::from(*x);
    }
    let all_ones = (1u64 << (7 * len)) - 1;
    Ok((if v == all_ones { None } else { Some(v) }, len))
}

fn header(b: &[u8], at: usize) -> Result<Header, WebmError> {
    let (id, il) = read_id(b, at)?;
    let (size, sl) = read_size(b, at + il)?;
    let data = at + il + sl;
    let size = match size {
        Some(s) => {
            let s = usize::try_from(s).map_err(|_| WebmError::Malformed)?;
            if data.checked_add(s).is_none_or(|end| end > b.len()) {
                return Err(WebmError::Malformed);
            }
            Some(s)
        }
        None => None,
    };
    Ok(Header { id, data, size })
}

fn read_uint(d: &[u8]) -> Result<u64, WebmError> {
    if d.len() > 8 {
        return Err(WebmError::Malformed);
    }
    Ok(d.iter().fold(0u64, |acc, x| (acc << 8) | u64::from(*x)))
}

fn read_float(d: &[u8]) -> Result<f64, WebmError> {
    match d.len() {
        0 => Ok(0.0),
        4 => Ok(f64::from(f32::from_be_bytes(d.try_into().map_err(|_| WebmError::Malformed)?))),
        8 => Ok(f64::from_be_bytes(d.try_into().map_err(|_| WebmError::Malformed)?)),
        _ => Err(WebmError::Malformed),
    }
}

/// The children of a known-size element's data, as headers (none of unknown size).
fn children(b: &[u8], start: usize, end: usize) -> Result<Vec<Header>, WebmError> {
    let mut out = vec![];
    let mut at = start;
    while at < end {
        let h = header(b, at)?;
        let size = h.size.ok_or(WebmError::Unsupported)?;
        if h.data + size > end {
            return Err(WebmError::Malformed);
        }
        out.push(h);
        at = h.data + size;
    }
    Ok(out)
}

/// Level-1 elements: one of these ends a Cluster of unknown size.
fn is_top(id: u32) -> bool {
    matches!(
        id,
        id::CLUSTER
            | id::CUES
            | id::SEEK_HEAD
            | id::INFO
            | id::TRACKS
            | id::TAGS
            | id::CHAPTERS
            | id::ATTACHMENTS
            | id::SEGMENT
            | id::EBML
    )
}

/// A Cluster as read: its timecode, and the byte range of its children.
struct Cluster {
    timecode: u64,
    children: (usize, usize),
}

/// The parts of the Segment that matter here.
struct Parsed {
    ebml: (usize, usize),
    info: Header,
    tracks: Option<(usize, usize)>,
    /// Other level-1 elements kept as they are (whole, header included).
    others: Vec<(usize, usize)>,
    clusters: Vec<Cluster>,
    scale: u64,
    duration: Option<f64>,
    has_cues: bool,
    /// Each block's absolute time (in the Segment's timecode units) and track.
    blocks: Vec<(i64, u64, Option<u64>)>,
}

/// The track number and the time relative to the cluster of a (Simple)Block's data.
fn block_head(d: &[u8]) -> Result<(u64, i16), WebmError> {
    let (track, len) = read_size(d, 0)?;
    let track = track.ok_or(WebmError::Malformed)?;
    let t = d.get(len..len + 2).ok_or(WebmError::Malformed)?;
    Ok((track, i16::from_be_bytes([t[0], t[1]])))
}

fn parse(b: &[u8]) -> Result<Parsed, WebmError> {
    let ebml = header(b, 0)?;
    if ebml.id != id::EBML {
        return Err(WebmError::Malformed);
    }
    let ebml_end = ebml.data + ebml.size.ok_or(WebmError::Unsupported)?;
    let seg = header(b, ebml_end)?;
    if seg.id != id::SEGMENT {
        return Err(WebmError::Malformed);
    }
    let seg_end = seg.size.map_or(b.len(), |s| seg.data + s);
    let mut info = None;
    let mut tracks = None;
    let mut others = vec![];
    let mut clusters = vec![];
    let mut has_cues = false;
    let mut blocks = vec![];
    let mut at = seg.data;
    while at < seg_end {
        let h = header(b, at)?;
        if h.id == id::CLUSTER {
            // A Cluster of unknown size ends where the next level-1 element starts.
            let end = match h.size {
                Some(s) => h.data + s,
                None => {
                    let mut p = h.data;
                    while p < seg_end {
                        let (cid, _) = read_id(b, p)?;
                        if is_top(cid) {
                            break;
                        }
                        let c = header(b, p)?;
                        p = c.data + c.size.ok_or(WebmError::Unsupported)?;
                    }
                    p.min(seg_end)
                }
            };
            let mut timecode = None;
            let kids = children(b, h.data, end)?;
            for c in &kids {
                let d = &b[c.data..c.data + c.size.unwrap_or(0)];
                match c.id {
                    id::TIMECODE => timecode = Some(read_uint(d)?),
                    id::SIMPLE_BLOCK => {
                        let (track, rel) = block_head(d)?;
                        let base = timecode.ok_or(WebmError::Unsupported)?;
                        blocks.push(((base as i64).saturating_add(i64::from(rel)), track, None));
                    }
                    id::BLOCK_GROUP => {
                        let base = timecode.ok_or(WebmError::Unsupported)?;
                        let mut found = None;
                        let mut dur = None;
                        for g in children(b, c.data, c.data + c.size.unwrap_or(0))? {
                            let gd = &b[g.data..g.data + g.size.unwrap_or(0)];
                            match g.id {
                                id::BLOCK => found = Some(block_head(gd)?),
                                id::BLOCK_DURATION => dur = Some(read_uint(gd)?),
                                _ => {}
                            }
                        }
                        let (track, rel) = found.ok_or(WebmError::Malformed)?;
                        blocks.push(((base as i64).saturating_add(i64::from(rel)), track, dur));
                    }
                    _ => {}
                }
            }
            clusters.push(Cluster { timecode: timecode.ok_or(WebmError::Unsupported)?, children: (h.data, end) });
            at = end;
            continue;
        }
        let size = h.size.ok_or(WebmError::Unsupported)?;
        let end = h.data + size;
        match h.id {
            id::INFO => info = Some(h),
            id::TRACKS => tracks = Some((at, end)),
            id::CUES => has_cues = true,
            id::SEEK_HEAD | id::VOID | id::CRC32 => {}
            _ => others.push((at, end)),
        }
        at = end;
    }
    let info = info.ok_or(WebmError::Malformed)?;
    let mut scale = 1_000_000;
    let mut duration = None;
    for c in children(b, info.data, info.data + info.size.unwrap_or(0))? {
        let d = &b[c.data..c.data + c.size.unwrap_or(0)];
        match c.id {
            id::TIMECODE_SCALE => scale = read_uint(d)?.max(1),
            id::DURATION => duration = Some(read_float(d)?),
            _ => {}
        }
    }
    if blocks.is_empty() {
        return Err(WebmError::Empty);
    }
    Ok(Parsed { ebml: (0, ebml_end), info, tracks, others, clusters, scale, duration, has_cues, blocks })
}

/// How long the frames play, in timecode units: from zero to the end of the last frame.
/// A frame's length is its BlockDuration when given, else the gap to the frame before it
/// on the same track (what the recorder kept to).
fn play_length(blocks: &[(i64, u64, Option<u64>)]) -> u64 {
    let mut last_on: std::collections::HashMap<u64, (i64, i64)> = std::collections::HashMap::new();
    let mut end = 0i64;
    for (t, track, dur) in blocks {
        let gap = match last_on.get(track) {
            Some((prev, _)) if *t > *prev => t.saturating_sub(*prev),
            Some((_, gap)) => *gap,
            None => 0,
        };
        let len = dur.map_or(gap, |d| i64::try_from(d).unwrap_or(0));
        end = end.max(t.saturating_add(len));
        last_on.insert(*track, (*t, gap));
    }
    u64::try_from(end).unwrap_or(0)
}

/// The first video track, or else the first track (the one cue points name).
fn cue_track(b: &[u8], tracks: Option<(usize, usize)>, blocks: &[(i64, u64, Option<u64>)]) -> u64 {
    let first_block = blocks.first().map_or(1, |(_, t, _)| *t);
    let Some((start, end)) = tracks else { return first_block };
    let Ok(h) = header(b, start) else { return first_block };
    let Ok(entries) = children(b, h.data, end) else { return first_block };
    let mut first = None;
    for e in entries.iter().filter(|e| e.id == id::TRACK_ENTRY) {
        let (mut number, mut kind) = (None, None);
        for c in children(b, e.data, e.data + e.size.unwrap_or(0)).unwrap_or_default() {
            let d = &b[c.data..c.data + c.size.unwrap_or(0)];
            match c.id {
                id::TRACK_NUMBER => number = read_uint(d).ok(),
                id::TRACK_TYPE => kind = read_uint(d).ok(),
                _ => {}
            }
        }
        if let Some(n) = number {
            if kind == Some(1) {
                return n;
            }
            first.get_or_insert(n);
        }
    }
    first.unwrap_or(first_block)
}

// ---------------------------------------------------------------------------------
// Writing.

fn write_id(out: &mut Vec<u8>, id: u32) {
    let bytes = id.to_be_bytes();
    let skip = bytes.iter().take_while(|b| **b == 0).count().min(3);
    out.extend_from_slice(&bytes[skip..]);
}

/// A size in the fewest bytes (never the all-ones "unknown" pattern).
fn write_size(out: &mut Vec<u8>, size: u64) {
    let mut len = 1;
    while len < 8 && size >= (1u64 << (7 * len)) - 1 {
        len += 1;
    }
    let marked = size | (1u64 << (7 * len));
    out.extend_from_slice(&marked.to_be_bytes()[8 - len..]);
}

fn write_header(out: &mut Vec<u8>, id: u32, size: u64) {
    write_id(out, id);
    write_size(out, size);
}

fn uint_element(out: &mut Vec<u8>, id: u32, v: u64) {
    let bytes = v.to_be_bytes();
    let skip = bytes.iter().take_while(|b| **b == 0).count().min(7);
    write_header(out, id, (8 - skip) as u64);
    out.extend_from_slice(&bytes[skip..]);
}

/// An unsigned integer in exactly eight bytes, so that a position's length does not
/// depend on its value (the layout is computed before the positions are known).
fn uint8_element(out: &mut Vec<u8>, id: u32, v: u64) {
    write_header(out, id, 8);
    out.extend_from_slice(&v.to_be_bytes());
}

fn element(id: u32, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 12);
    write_header(&mut out, id, body.len() as u64);
    out.extend_from_slice(body);
    out
}

fn seek_head(info: u64, tracks: Option<u64>, cues: u64) -> Vec<u8> {
    let mut body = vec![];
    let mut seek = |target: u32, pos: u64| {
        let mut s = vec![];
        let mut idb = vec![];
        write_id(&mut idb, target);
        s.extend(element(id::SEEK_ID, &idb));
        uint8_element(&mut s, id::SEEK_POSITION, pos);
        body.extend(element(id::SEEK, &s));
    };
    seek(id::INFO, info);
    if let Some(t) = tracks {
        seek(id::TRACKS, t);
    }
    seek(id::CUES, cues);
    element(id::SEEK_HEAD, &body)
}

fn cues(points: &[(u64, u64)], track: u64) -> Vec<u8> {
    let mut body = vec![];
    for (time, pos) in points {
        let mut tp = vec![];
        uint_element(&mut tp, id::CUE_TRACK, track);
        uint8_element(&mut tp, id::CUE_CLUSTER_POSITION, *pos);
        let mut cp = vec![];
        uint8_element(&mut cp, id::CUE_TIME, *time);
        cp.extend(element(id::CUE_TRACK_POSITIONS, &tp));
        body.extend(element(id::CUE_POINT, &cp));
    }
    element(id::CUES, &body)
}

/// Make a recording seekable: see the module's comment. The duration is in
/// milliseconds, rounded.
pub fn make_seekable(b: &[u8]) -> Result<Seekable, WebmError> {
    let p = parse(b)?;
    let length = play_length(&p.blocks);
    let to_ms = |units: f64| (units * p.scale as f64 / 1_000_000.0).round().max(0.0) as u64;
    if let Some(d) = p.duration.filter(|d| d.is_finite() && *d >= 0.0)
        && p.has_cues
    {
        return Ok(Seekable { bytes: None, duration_ms: to_ms(d) });
    }
    let duration = length as f64;
    // Info: what was sent, without a Duration, then ours.
    let mut info_body = vec![];
    for c in children(b, p.info.data, p.info.data + p.info.size.unwrap_or(0))? {
        if c.id != id::DURATION && c.id != id::VOID {
            let start = header_start(b, p.info.data, p.info.data + p.info.size.unwrap_or(0), c.data)?;
            info_body.extend_from_slice(&b[start..c.data + c.size.unwrap_or(0)]);
        }
    }
    write_header(&mut info_body, id::DURATION, 8);
    info_body.extend_from_slice(&duration.to_be_bytes());
    let info = element(id::INFO, &info_body);
    let tracks = p.tracks.map(|(s, e)| &b[s..e]).unwrap_or(&[]);
    let others: usize = p.others.iter().map(|(s, e)| e - s).sum();
    let mut cluster_heads = vec![];
    for c in &p.clusters {
        let mut h = vec![];
        write_header(&mut h, id::CLUSTER, (c.children.1 - c.children.0) as u64);
        cluster_heads.push(h);
    }
    // The layout's lengths do not depend on the positions (all written in 8 bytes).
    let seek_len = seek_head(0, p.tracks.map(|_| 0), 0).len();
    let cues_len = cues(&vec![(0, 0); p.clusters.len()], 0).len();
    let info_at = seek_len as u64;
    let tracks_at = info_at + info.len() as u64;
    let cues_at = tracks_at + tracks.len() as u64 + others as u64;
    let mut at = cues_at + cues_len as u64;
    let mut points = vec![];
    for (c, h) in p.clusters.iter().zip(&cluster_heads) {
        points.push((c.timecode, at));
        at += (h.len() + c.children.1 - c.children.0) as u64;
    }
    let segment_size = at;
    let mut out = Vec::with_capacity(b.len() + cues_len + 256);
    out.extend_from_slice(&b[p.ebml.0..p.ebml.1]);
    write_header(&mut out, id::SEGMENT, segment_size);
    out.extend(seek_head(info_at, p.tracks.map(|_| tracks_at), cues_at));
    out.extend(info);
    out.extend_from_slice(tracks);
    for (s, e) in &p.others {
        out.extend_from_slice(&b[*s..*e]);
    }
    out.extend(cues(&points, cue_track(b, p.tracks, &p.blocks)));
    for (c, h) in p.clusters.iter().zip(&cluster_heads) {
        out.extend_from_slice(h);
        out.extend_from_slice(&b[c.children.0..c.children.1]);
    }
    Ok(Seekable { bytes: Some(out), duration_ms: to_ms(duration) })
}

/// Where the child element whose data starts at `data` begins (its header), among the
/// children of `start..end`.
fn header_start(b: &[u8], start: usize, end: usize, data: usize) -> Result<usize, WebmError> {
    let mut at = start;
    while at < end {
        let h = header(b, at)?;
        if h.data == data {
            return Ok(at);
        }
        at = h.data + h.size.ok_or(WebmError::Unsupported)?;
    }
    Err(WebmError::Malformed)
}

/// A recording's length in milliseconds as `m:ss` (or `h:mm:ss`), as players show it.
pub fn clock(ms: i64) -> String {
    let s = (ms.max(0) + 500) / 1000;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

/// Building recordings the way `MediaRecorder` writes them, for tests here, in the
/// integration tests and in the fuzz corpus: our own bytes, no third-party media.
pub mod sample {
    use super::*;

    /// A frame: its track, time relative to its cluster, and payload.
    pub struct Frame {
        pub track: u64,
        pub at: i16,
        pub payload: Vec<u8>,
    }

    /// A recording with unknown-size Segment and Clusters, no Duration and no Cues,
    /// a video track 1 and an audio track 2, and these clusters (timecode, frames).
    pub fn recording(clusters: &[(u64, Vec<Frame>)]) -> Vec<u8> {
        let mut out = vec![];
        let mut ebml = vec![];
        uint_element(&mut ebml, 0x4286, 1);
        uint_element(&mut ebml, 0x42F7, 1);
        uint_element(&mut ebml, 0x42F2, 4);
        uint_element(&mut ebml, 0x42F3, 8);
        ebml.extend(element(0x4282, b"webm"));
        uint_element(&mut ebml, 0x4287, 4);
        uint_element(&mut ebml, 0x4285, 2);
        out.extend(element(id::EBML, &ebml));
        write_id(&mut out, id::SEGMENT);
        out.extend_from_slice(&[0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        let mut info = vec![];
        uint_element(&mut info, id::TIMECODE_SCALE, 1_000_000);
        info.extend(element(0x4D80, b"Homeroom test"));
        info.extend(element(0x5741, b"Homeroom test"));
        out.extend(element(id::INFO, &info));
        let mut tracks = vec![];
        for (n, kind, codec) in [(1u64, 1u64, &b"V_VP8"[..]), (2, 2, &b"A_OPUS"[..])] {
            let mut t = vec![];
            uint_element(&mut t, id::TRACK_NUMBER, n);
            uint_element(&mut t, 0x73C5, n);
            uint_element(&mut t, id::TRACK_TYPE, kind);
            t.extend(element(0x86, codec));
            tracks.extend(element(id::TRACK_ENTRY, &t));
        }
        out.extend(element(id::TRACKS, &tracks));
        for (tc, frames) in clusters {
            write_id(&mut out, id::CLUSTER);
            out.push(0xFF); // unknown size, in one byte
            uint_element(&mut out, id::TIMECODE, *tc);
            for f in frames {
                let mut d = vec![];
                write_size(&mut d, f.track);
                d.extend_from_slice(&f.at.to_be_bytes());
                d.push(0x80);
                d.extend_from_slice(&f.payload);
                out.extend(element(id::SIMPLE_BLOCK, &d));
            }
        }
        out
    }

    /// A recording of `seconds`, a cluster a second, video at 25 and audio at 50 frames
    /// a second (small payloads).
    pub fn seconds(seconds: u64) -> Vec<u8> {
        let clusters: Vec<(u64, Vec<Frame>)> = (0..seconds)
            .map(|s| {
                let mut frames = vec![];
                for i in 0..50i16 {
                    if i % 2 == 0 {
                        frames.push(Frame { track: 1, at: i * 20, payload: vec![s as u8, i as u8, 1] });
                    }
                    frames.push(Frame { track: 2, at: i * 20, payload: vec![s as u8, i as u8, 2] });
                }
                (s * 1000, frames)
            })
            .collect();
        recording(&clusters)
    }
}

#[cfg(test)]
mod tests {
    use super::sample::{Frame, recording};
    use super::*;
    use proptest::prelude::*;

    /// Every frame's (track, absolute time, payload) of a file, through our own reader.
    fn frames(b: &[u8]) -> Vec<(u64, i64)> {
        parse(b).unwrap().blocks.iter().map(|(t, track, _)| (*track, *t)).collect()
    }

    fn payloads(b: &[u8]) -> Vec<Vec<u8>> {
        let p = parse(b).unwrap();
        let mut out = vec![];
        for c in &p.clusters {
            for k in children(b, c.children.0, c.children.1).unwrap() {
                if k.id == id::SIMPLE_BLOCK {
                    out.push(b[k.data..k.data + k.size.unwrap()].to_vec());
                }
            }
        }
        out
    }

    /// The rewritten file is what players need: a known Segment size that ends the file,
    /// a Duration, a SeekHead whose positions land on Info, Tracks and Cues, and Cues
    /// whose positions land on each Cluster.
    fn check_layout(out: &[u8], clusters: usize, duration_units: f64) {
        let ebml = header(out, 0).unwrap();
        let seg = header(out, ebml.data + ebml.size.unwrap()).unwrap();
        assert_eq!(seg.id, id::SEGMENT);
        assert_eq!(seg.data + seg.size.unwrap(), out.len(), "the segment's size ends the file");
        let p = parse(out).unwrap();
        assert!(p.has_cues);
        assert_eq!(p.duration, Some(duration_units));
        let top = children(out, seg.data, out.len()).unwrap();
        assert_eq!(top[0].id, id::SEEK_HEAD);
        let at = |pos: u64| header(out, seg.data + pos as usize).unwrap().id;
        for seek in children(out, top[0].data, top[0].data + top[0].size.unwrap()).unwrap() {
            let kids = children(out, seek.data, seek.data + seek.size.unwrap()).unwrap();
            let target = read_uint(&out[kids[0].data..kids[0].data + kids[0].size.unwrap()]).unwrap() as u32;
            let pos = read_uint(&out[kids[1].data..kids[1].data + kids[1].size.unwrap()]).unwrap();
            assert_eq!(at(pos), target);
        }
        let cues = top.iter().find(|h| h.id == id::CUES).unwrap();
        let points = children(out, cues.data, cues.data + cues.size.unwrap()).unwrap();
        assert_eq!(points.len(), clusters);
        for (i, cp) in points.iter().enumerate() {
            let kids = children(out, cp.data, cp.data + cp.size.unwrap()).unwrap();
            let time = read_uint(&out[kids[0].data..kids[0].data + 8]).unwrap();
            let tp = children(out, kids[1].data, kids[1].data + kids[1].size.unwrap()).unwrap();
            let pos = read_uint(&out[tp[1].data..tp[1].data + 8]).unwrap();
            assert_eq!(at(pos), id::CLUSTER);
            assert_eq!(time, p.clusters[i].timecode);
        }
    }

    #[test]
    fn a_recorders_file_gets_its_duration_and_cues() {
        let input = sample::seconds(3);
        let s = make_seekable(&input).unwrap();
        // The last audio frame starts at 2.98 s and lasts 20 ms.
        assert_eq!(s.duration_ms, 3000);
        let out = s.bytes.unwrap();
        check_layout(&out, 3, 3000.0);
        assert_eq!(frames(&out), frames(&input), "the same frames at the same times");
        assert_eq!(payloads(&out), payloads(&input), "copied byte for byte");
        // Done once, a second pass leaves the file alone and reads the same length.
        assert_eq!(make_seekable(&out).unwrap(), Seekable { bytes: None, duration_ms: 3000 });
    }

    #[test]
    fn the_cue_track_is_the_video_track() {
        let input = sample::seconds(1);
        let p = parse(&input).unwrap();
        assert_eq!(cue_track(&input, p.tracks, &p.blocks), 1);
    }

    #[test]
    fn not_a_recording_is_refused_not_mangled() {
        assert_eq!(make_seekable(b""), Err(WebmError::Malformed));
        assert_eq!(make_seekable(b"just some text, not a video"), Err(WebmError::Malformed));
        let none = recording(&[]);
        assert_eq!(make_seekable(&none), Err(WebmError::Empty));
        let mut cut = sample::seconds(2);
        cut.truncate(cut.len() - 2);
        // The last frame runs past the end: a broken file is kept as it came.
        assert!(make_seekable(&cut).is_err());
    }

    #[test]
    fn sizes_round_trip_and_never_read_as_unknown() {
        for v in [0u64, 1, 126, 127, 128, 16_382, 16_383, 16_384, (1 << 49) - 2, (1 << 49) - 1, 1 << 50] {
            let mut out = vec![];
            write_size(&mut out, v);
            assert_eq!(read_size(&out, 0).unwrap(), (Some(v), out.len()), "{v}");
        }
        assert_eq!(read_size(&[0xFF], 0).unwrap(), (None, 1));
        assert_eq!(read_size(&[0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], 0).unwrap(), (None, 8));
    }

    #[test]
    fn clocks() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(2_499), "0:02");
        assert_eq!(clock(61_000), "1:01");
        assert_eq!(clock(3_723_000), "1:02:03");
    }

    proptest! {
        #[test]
        fn any_recording_keeps_its_frames(
            clusters in proptest::collection::vec(
                (0u64..5_000, proptest::collection::vec((1u64..3, 0i16..2000, proptest::collection::vec(any::<u8>(), 0..300)), 1..20)),
                1..8,
            )
        ) {
            // Clusters follow each other in time, as a recorder writes them.
            let mut t = 0;
            let clusters: Vec<(u64, Vec<Frame>)> = clusters
                .into_iter()
                .map(|(gap, fs)| {
                    t += gap;
                    let mut fs: Vec<Frame> = fs.into_iter().map(|(track, at, payload)| Frame { track, at, payload }).collect();
                    fs.sort_by_key(|f| f.at);
                    (t, fs)
                })
                .collect();
            let input = recording(&clusters);
            let s = make_seekable(&input).unwrap();
            let out = s.bytes.unwrap();
            let last = clusters.iter().flat_map(|(tc, fs)| fs.iter().map(move |f| *tc as i64 + i64::from(f.at))).max().unwrap();
            prop_assert!(s.duration_ms as i64 >= last);
            check_layout(&out, clusters.len(), s.duration_ms as f64);
            prop_assert_eq!(frames(&out), frames(&input));
            prop_assert_eq!(payloads(&out), payloads(&input));
        }

        #[test]
        fn any_bytes_are_handled_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = make_seekable(&bytes);
        }

        #[test]
        fn damaged_recordings_are_handled_without_a_panic(cut in 0usize..4000, flip in 0usize..4000, bit in 0u8..8) {
            let mut b = sample::seconds(2);
            let n = b.len();
            b[flip % n] ^= 1 << bit;
            b.truncate(n - cut % n);
            if let Ok(s) = make_seekable(&b) && let Some(out) = s.bytes {
                prop_assert!(make_seekable(&out).is_ok());
            }
        }
    }
}
