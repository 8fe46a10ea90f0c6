//! What a file really is, from its first bytes. Names and the browser's declared type
//! are whatever the sender says; the magic bytes are what decoders will act on.

/// A format we accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Webm {
        video: bool,
    },
    Ogg {
        video: bool,
    },
    Mp4 {
        audio_only: bool,
    },
    Mp3,
    Wav,
    Pdf,
    /// A zip archive that is not an office document.
    Zip,
    /// Office Open XML: Word, Excel, PowerPoint.
    Docx,
    Xlsx,
    Pptx,
    /// OpenDocument text, spreadsheet, presentation.
    Odt,
    Ods,
    Odp,
    /// UTF-8 text without control characters.
    Text,
}

/// The broad kind, which decides the size limit and how the file is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Image,
    Audio,
    Video,
    /// Anything else we accept: documents, archives, text. Always downloaded, never shown.
    File,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Image => "image",
            Kind::Audio => "audio",
            Kind::Video => "video",
            Kind::File => "file",
        }
    }
}

impl Format {
    pub fn kind(self) -> Kind {
        match self {
            Format::Jpeg | Format::Png | Format::Webp => Kind::Image,
            Format::Webm { video: true } | Format::Ogg { video: true } | Format::Mp4 { audio_only: false } => {
                Kind::Video
            }
            Format::Pdf
            | Format::Zip
            | Format::Docx
            | Format::Xlsx
            | Format::Pptx
            | Format::Odt
            | Format::Ods
            | Format::Odp
            | Format::Text => Kind::File,
            _ => Kind::Audio,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
            Format::Webm { video: true } => "video/webm",
            Format::Webm { video: false } => "audio/webm",
            Format::Ogg { video: true } => "video/ogg",
            Format::Ogg { video: false } => "audio/ogg",
            Format::Mp4 { audio_only: true } => "audio/mp4",
            Format::Mp4 { audio_only: false } => "video/mp4",
            Format::Mp3 => "audio/mpeg",
            Format::Wav => "audio/wav",
            Format::Pdf => "application/pdf",
            Format::Zip => "application/zip",
            Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            Format::Odt => "application/vnd.oasis.opendocument.text",
            Format::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Format::Odp => "application/vnd.oasis.opendocument.presentation",
            Format::Text => "text/plain; charset=utf-8",
        }
    }

    /// The file name extension that matches the bytes, for download names.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Webm { .. } => "webm",
            Format::Ogg { .. } => "ogg",
            Format::Mp4 { audio_only: true } => "m4a",
            Format::Mp4 { audio_only: false } => "mp4",
            Format::Mp3 => "mp3",
            Format::Wav => "wav",
            Format::Pdf => "pdf",
            Format::Zip => "zip",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Pptx => "pptx",
            Format::Odt => "odt",
            Format::Ods => "ods",
            Format::Odp => "odp",
            Format::Text => "txt",
        }
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Recognise a file from its head (the first few kilobytes are plenty).
pub fn sniff(head: &[u8]) -> Option<Format> {
    let h = head;
    if h.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(Format::Jpeg);
    }
    if h.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(Format::Png);
    }
    if h.len() >= 12 && &h[0..4] == b"RIFF" && &h[8..12] == b"WEBP" {
        return Some(Format::Webp);
    }
    if h.len() >= 12 && &h[0..4] == b"RIFF" && &h[8..12] == b"WAVE" {
        return Some(Format::Wav);
    }
    if h.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        // Matroska: only the WebM flavour, which is what browsers record.
        if !contains(&h[..h.len().min(64)], b"webm") {
            return None;
        }
        // Video tracks name a video codec ("V_VP8", "V_VP9", "V_AV1") in the header.
        let video = contains(h, b"V_VP8") || contains(h, b"V_VP9") || contains(h, b"V_AV1");
        return Some(Format::Webm { video });
    }
    if h.starts_with(b"OggS") {
        let video = contains(h, b"theora") || contains(h, b"\x80theora");
        return Some(Format::Ogg { video });
    }
    if h.len() >= 12 && &h[4..8] == b"ftyp" {
        let brand = &h[8..12];
        let audio_only = brand == b"M4A " || brand == b"M4B ";
        // A video track's handler says "vide"; audio-only files recorded by browsers
        // often carry a generic brand.
        let audio_only = audio_only || (contains(h, b"soun") && !contains(h, b"vide"));
        return Some(Format::Mp4 { audio_only });
    }
    if h.starts_with(b"ID3") || (h.len() >= 2 && h[0] == 0xFF && (h[1] & 0xE0) == 0xE0 && (h[1] & 0x06) != 0) {
        return Some(Format::Mp3);
    }
    if h.starts_with(b"%PDF-") {
        return Some(Format::Pdf);
    }
    if h.starts_with(b"PK\x03\x04") {
        return Some(zipped(h));
    }
    if is_text(h) {
        return Some(Format::Text);
    }
    None
}

/// Office documents are zip archives; OpenDocument stores its type uncompressed as the
/// first entry ("mimetype"), Office Open XML names its parts ("word/", "xl/", "ppt/").
fn zipped(h: &[u8]) -> Format {
    let name_len = if h.len() >= 30 { u16::from_le_bytes([h[26], h[27]]) as usize } else { 0 };
    let extra_len = if h.len() >= 30 { u16::from_le_bytes([h[28], h[29]]) as usize } else { 0 };
    if h.len() >= 30 + name_len && &h[30..30 + name_len] == b"mimetype" {
        let body = &h[(30 + name_len + extra_len).min(h.len())..];
        let odf = b"application/vnd.oasis.opendocument.";
        if body.starts_with(odf) {
            let rest = &body[odf.len()..];
            if rest.starts_with(b"text") {
                return Format::Odt;
            }
            if rest.starts_with(b"spreadsheet") {
                return Format::Ods;
            }
            if rest.starts_with(b"presentation") {
                return Format::Odp;
            }
        }
        return Format::Zip;
    }
    if contains(h, b"[Content_Types].xml") {
        if contains(h, b"word/") {
            return Format::Docx;
        }
        if contains(h, b"xl/") {
            return Format::Xlsx;
        }
        if contains(h, b"ppt/") {
            return Format::Pptx;
        }
    }
    Format::Zip
}

/// Plain text: valid UTF-8 (a character cut off at the end of the head is fine) with no
/// control characters other than tab, line feed, carriage return and form feed.
fn is_text(h: &[u8]) -> bool {
    if h.is_empty() {
        return false;
    }
    let valid = match std::str::from_utf8(h) {
        Ok(s) => s,
        Err(e) if e.error_len().is_none() => match std::str::from_utf8(&h[..e.valid_up_to()]) {
            Ok(s) => s,
            Err(_) => return false,
        },
        Err(_) => return false,
    };
    !valid.is_empty() && valid.chars().all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some(Format::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Some(Format::Png));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(Format::Webp));
        assert_eq!(Format::Png.kind(), Kind::Image);
    }

    #[test]
    fn sound_and_video() {
        assert_eq!(sniff(b"RIFF\0\0\0\0WAVEfmt "), Some(Format::Wav));
        assert_eq!(sniff(b"ID3\x04\0\0"), Some(Format::Mp3));
        assert_eq!(sniff(&[0xFF, 0xFB, 0x90, 0x64]), Some(Format::Mp3));
        assert_eq!(sniff(b"OggS\0\x02\0\0\0\0OpusHead"), Some(Format::Ogg { video: false }));
        let mut webm = vec![0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84];
        webm.extend_from_slice(b"webm....A_OPUS");
        assert_eq!(sniff(&webm), Some(Format::Webm { video: false }));
        webm.extend_from_slice(b"V_VP8");
        assert_eq!(sniff(&webm).map(Format::kind), Some(Kind::Video));
        assert_eq!(sniff(b"\0\0\0\x20ftypM4A \0\0"), Some(Format::Mp4 { audio_only: true }));
        assert_eq!(sniff(b"\0\0\0\x20ftypisom\0\0....vide"), Some(Format::Mp4 { audio_only: false }));
    }

    #[test]
    fn documents_archives_and_text() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(Format::Pdf));
        assert_eq!(Format::Pdf.kind(), Kind::File);
        let entry = |name: &[u8], body: &[u8]| {
            let mut z = b"PK\x03\x04".to_vec();
            z.extend_from_slice(&[0u8; 22]);
            z.extend_from_slice(&(name.len() as u16).to_le_bytes());
            z.extend_from_slice(&0u16.to_le_bytes());
            z.extend_from_slice(name);
            z.extend_from_slice(body);
            z
        };
        assert_eq!(sniff(&entry(b"mimetype", b"application/vnd.oasis.opendocument.text")), Some(Format::Odt));
        assert_eq!(sniff(&entry(b"mimetype", b"application/vnd.oasis.opendocument.spreadsheet")), Some(Format::Ods));
        assert_eq!(sniff(&entry(b"[Content_Types].xml", b"<Types/>PK..word/document.xml")), Some(Format::Docx));
        assert_eq!(sniff(&entry(b"[Content_Types].xml", b"..xl/workbook.xml")), Some(Format::Xlsx));
        assert_eq!(sniff(&entry(b"notes.txt", b"hello")), Some(Format::Zip));
        assert_eq!(sniff("Reading list: Ståle's notes\r\n\tpage 3".as_bytes()), Some(Format::Text));
        // A head cut in the middle of "å" is still text.
        assert_eq!(sniff(&"abå".as_bytes()[..3]), Some(Format::Text));
        assert_eq!(sniff(b"text\0with a NUL"), None);
        assert_eq!(sniff(&[0xC3, 0x28, b'a']), None);
    }

    #[test]
    fn names_do_not_matter_and_strangers_are_refused() {
        // Markup is only ever text: it is never an image and is served as a download.
        assert_eq!(sniff(b"<svg xmlns=").map(Format::kind), Some(Kind::File));
        assert_eq!(sniff(b"MZ\x90\0"), None);
        assert_eq!(sniff(b""), None);
        // Matroska that is not WebM.
        assert_eq!(sniff(&[0x1A, 0x45, 0xDF, 0xA3, 0x42, 0x82, b'm', b'a', b't', b'r']), None);
    }
}
