//! Photos are decoded, turned the right way up, centre-cropped to a square, resized and
//! re-encoded on the server. Re-encoding writes only pixels, so EXIF (camera, GPS
//! position) never reaches other people; a truncated or corrupt file fails to decode
//! and is refused.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader};

use crate::media::sniff::Format;

/// The square sizes kept: the photo and its thumbnail.
pub const SIZE: u32 = 512;
pub const THUMB: u32 = 96;

#[derive(Debug, PartialEq, Eq)]
pub enum PictureError {
    /// Not a whole, readable image.
    Corrupt,
    /// Wider or taller than we are willing to decode.
    TooLarge,
}

/// The photo and its thumbnail as JPEG bytes.
pub struct Squares {
    pub photo: Vec<u8>,
    pub thumb: Vec<u8>,
}

/// The widest or tallest picture we decode, and the most memory one decode may take.
/// A phone photo is about 4000 x 3000; a file declaring more than this is refused before
/// any pixel is allocated, so a small "decompression bomb" cannot exhaust memory.
pub const MAX_SIDE: u32 = 10_000;
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// The longest side kept of a picture shown as it is (an attachment), and of its preview.
pub const FIT: u32 = 1600;
pub const FIT_THUMB: u32 = 320;

pub fn process(bytes: &[u8], format: Format) -> Result<Squares, PictureError> {
    let img = decode(bytes, format)?;
    let photo = square(&img, SIZE);
    let thumb = square(&img, THUMB);
    Ok(Squares { photo: jpeg(&photo)?, thumb: jpeg(&thumb)? })
}

/// A picture kept in its own proportions: at most `FIT` pixels on its longest side, with
/// a preview of at most `FIT_THUMB` (never enlarged).
pub fn process_fitted(bytes: &[u8], format: Format) -> Result<Squares, PictureError> {
    let img = decode(bytes, format)?;
    Ok(Squares { photo: jpeg(&fit(&img, FIT))?, thumb: jpeg(&fit(&img, FIT_THUMB))? })
}

/// Scaled down to fit a `side` by `side` box, keeping its proportions.
pub fn fit(img: &DynamicImage, side: u32) -> DynamicImage {
    if img.width() <= side && img.height() <= side {
        return img.clone();
    }
    img.resize(side, side, FilterType::Lanczos3)
}

fn decode(bytes: &[u8], format: Format) -> Result<DynamicImage, PictureError> {
    if format == Format::Jpeg && !jpeg_is_complete(bytes) {
        return Err(PictureError::Corrupt);
    }
    let fmt = match format {
        Format::Jpeg => image::ImageFormat::Jpeg,
        Format::Png => image::ImageFormat::Png,
        Format::Webp => image::ImageFormat::WebP,
        _ => return Err(PictureError::Corrupt),
    };
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(fmt);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(limit_or_corrupt)?;
    let (w, h) = decoder.dimensions();
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(PictureError::TooLarge);
    }
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    if u64::from(w) * u64::from(h) * u64::from(decoder.color_type().bytes_per_pixel()) > MAX_ALLOC {
        return Err(PictureError::TooLarge);
    }
    let mut img = DynamicImage::from_decoder(decoder).map_err(limit_or_corrupt)?;
    img.apply_orientation(orientation);
    Ok(img)
}

fn limit_or_corrupt(e: image::ImageError) -> PictureError {
    match e {
        image::ImageError::Limits(_) => PictureError::TooLarge,
        _ => PictureError::Corrupt,
    }
}

/// The largest centred square, scaled to `side` (never enlarged past the original).
pub fn square(img: &DynamicImage, side: u32) -> DynamicImage {
    let (w, h) = (img.width(), img.height());
    let s = w.min(h).max(1);
    let cropped = img.crop_imm((w - s) / 2, (h - s) / 2, s, s);
    let side = side.min(s);
    cropped.resize_exact(side, side, FilterType::Lanczos3)
}

pub fn jpeg(img: &DynamicImage) -> Result<Vec<u8>, PictureError> {
    let rgb = DynamicImage::ImageRgb8(img.to_rgb8());
    let mut out = Vec::new();
    let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    rgb.write_with_encoder(enc).map_err(|_| PictureError::Corrupt)?;
    Ok(out)
}

/// A JPEG ends with the EOI marker; the decoder would otherwise fill a cut-off image
/// with grey and call it a success.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let end = bytes.iter().rposition(|b| *b != 0).map(|i| i + 1).unwrap_or(0);
    end >= 4 && bytes[end - 2] == 0xFF && bytes[end - 1] == 0xD9
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(w: u32, h: u32) -> Vec<u8> {
        let img =
            image::RgbImage::from_fn(
                w,
                h,
                |x, _| if x < w / 2 { image::Rgb([200, 0, 0]) } else { image::Rgb([0, 0, 200]) },
            );
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn squares_are_made() {
        let s = process(&sample(900, 600), Format::Png).unwrap();
        let photo = image::load_from_memory(&s.photo).unwrap();
        assert_eq!((photo.width(), photo.height()), (512, 512));
        let thumb = image::load_from_memory(&s.thumb).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (96, 96));
    }

    #[test]
    fn small_images_are_not_enlarged() {
        let s = process(&sample(40, 80), Format::Png).unwrap();
        let photo = image::load_from_memory(&s.photo).unwrap();
        assert_eq!((photo.width(), photo.height()), (40, 40));
    }

    /// A PNG of only a header that declares `w` x `h` pixels: a few dozen bytes that
    /// would need gigabytes if decoded.
    pub fn png_declaring(w: u32, h: u32) -> Vec<u8> {
        fn crc32(bytes: &[u8]) -> u32 {
            let mut crc = 0xFFFF_FFFFu32;
            for b in bytes {
                crc ^= u32::from(*b);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
                }
            }
            !crc
        }
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |kind: &[u8], data: &[u8]| {
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            let mut body = kind.to_vec();
            body.extend_from_slice(data);
            out.extend_from_slice(&body);
            out.extend_from_slice(&crc32(&body).to_be_bytes());
        };
        let mut ihdr = vec![];
        ihdr.extend_from_slice(&w.to_be_bytes());
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        chunk(b"IHDR", &ihdr);
        // One deflate block of zeros stands in for the pixels.
        chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
        chunk(b"IEND", &[]);
        out
    }

    #[test]
    fn decompression_bombs_are_refused_before_decoding() {
        let bomb = png_declaring(30_000, 30_000);
        assert!(bomb.len() < 100);
        assert_eq!(process(&bomb, Format::Png).err(), Some(PictureError::TooLarge));
        assert_eq!(process_fitted(&bomb, Format::Png).err(), Some(PictureError::TooLarge));
        // Within each side's limit but too many pixels all the same.
        assert_eq!(process(&png_declaring(MAX_SIDE, MAX_SIDE), Format::Png).err(), Some(PictureError::TooLarge));
    }

    #[test]
    fn cut_off_files_are_refused() {
        let png = sample(300, 300);
        assert!(process(&png[..png.len() / 2], Format::Png).is_err());
        let jpg = jpeg(&image::load_from_memory(&png).unwrap()).unwrap();
        assert!(process(&jpg, Format::Jpeg).is_ok());
        assert_eq!(process(&jpg[..jpg.len() - 100], Format::Jpeg).err(), Some(PictureError::Corrupt));
    }
}
