//! What a file really is, from its first bytes. Names and the browser's declared type
//! are whatever the sender says; the magic bytes are what decoders will act on.

/// A format we accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Webm { video: bool },
    Ogg { video: bool },
    Mp4 { audio_only: bool },
    Mp3,
    Wav,
}

/// The broad kind, which decides the size limit and how the file is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Image,
    Audio,
    Video,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Image => "image",
            Kind::Audio => "audio",
            Kind::Video => "video",
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
    None
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
    fn names_do_not_matter_and_strangers_are_refused() {
        assert_eq!(sniff(b"%PDF-1.7"), None);
        assert_eq!(sniff(b"<svg xmlns="), None);
        assert_eq!(sniff(b"MZ\x90\0"), None);
        assert_eq!(sniff(b""), None);
        // Matroska that is not WebM.
        assert_eq!(sniff(&[0x1A, 0x45, 0xDF, 0xA3, 0x42, 0x82, b'm', b'a', b't', b'r']), None);
    }
}
