//! Page pictures: grayscale pixels, their skew, dark-pixel masks.

/// A grayscale picture, one byte per pixel (0 black, 255 white), rows top
/// down.
#[derive(Debug, Clone, PartialEq)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

/// Largest picture taken from a PNM header (pixels); pages are drawn
/// within `render::MAX_PIXELS`, so this only stops a corrupt header.
const MAX_PIXELS: usize = 200_000_000;

impl Gray {
    pub fn new(width: usize, height: usize, fill: u8) -> Gray {
        Gray {
            width,
            height,
            pixels: vec![fill; width * height],
        }
    }

    /// Reads a binary PNM picture (P4 bitmap, P5 gray, P6 colour), as
    /// pdftoppm writes them.
    pub fn from_pnm(bytes: &[u8]) -> Result<Gray, String> {
        let mut at = 0;
        let mut fields = Vec::new();
        let magic = bytes.get(..2).ok_or("empty picture")?;
        at += 2;
        let wanted = if magic == b"P4" { 2 } else { 3 };
        while fields.len() < wanted {
            while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
                at += 1;
            }
            if bytes.get(at) == Some(&b'#') {
                while bytes.get(at).is_some_and(|&b| b != b'\n') {
                    at += 1;
                }
                continue;
            }
            let start = at;
            while bytes.get(at).is_some_and(|b| b.is_ascii_digit()) {
                at += 1;
            }
            let n: usize = std::str::from_utf8(&bytes[start..at])
                .ok()
                .and_then(|s| s.parse().ok())
                .ok_or("bad PNM header")?;
            fields.push(n);
        }
        at += 1; // the one whitespace byte after the header
        let (width, height) = (fields[0], fields[1]);
        if width == 0 || height == 0 || width.saturating_mul(height) > MAX_PIXELS {
            return Err(format!("picture of {width}×{height} pixels"));
        }
        if fields.get(2).is_some_and(|&max| max != 255) {
            return Err("PNM with more than 8 bits per sample".into());
        }
        let body = &bytes[at.min(bytes.len())..];
        let pixels: Vec<u8> = match magic {
            b"P5" => body.get(..width * height).map(<[u8]>::to_vec),
            b"P6" => body.get(..width * height * 3).map(|rgb| {
                rgb.chunks_exact(3)
                    .map(|p| gray_of(p[0], p[1], p[2]))
                    .collect()
            }),
            b"P4" => {
                let stride = width.div_ceil(8);
                body.get(..stride * height).map(|bits| {
                    (0..width * height)
                        .map(|i| {
                            let (x, y) = (i % width, i / width);
                            let on = bits[y * stride + x / 8] & (0x80 >> (x % 8)) != 0;
                            if on { 0 } else { 255 }
                        })
                        .collect()
                })
            }
            _ => return Err("not a PNM picture".into()),
        }
        .ok_or("PNM picture cut short")?;
        Ok(Gray {
            width,
            height,
            pixels,
        })
    }

    /// The picture as binary PGM (what Tesseract reads from its input).
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.pixels);
        out
    }

    pub fn at(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.width + x]
    }

    /// The part inside pixel box `[x0, x1) × [y0, y1)`, clamped to the picture.
    pub fn crop(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> Gray {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        let (x0, y0) = (x0.min(x1), y0.min(y1));
        let mut out = Gray::new(x1 - x0, y1 - y0, 255);
        for y in y0..y1 {
            let row = &self.pixels[y * self.width + x0..y * self.width + x1];
            out.pixels[(y - y0) * out.width..(y - y0 + 1) * out.width].copy_from_slice(row);
        }
        out
    }

    /// Paints box `[x0, x1) × [y0, y1)` (clamped) paper white.
    pub fn whiten(&mut self, x0: usize, y0: usize, x1: usize, y1: usize) {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        for y in y0.min(y1)..y1 {
            self.pixels[y * self.width + x0.min(x1)..y * self.width + x1].fill(255);
        }
    }

    /// The gray level that best parts ink from paper (Otsu's method).
    pub fn otsu(&self) -> u8 {
        let mut hist = [0u64; 256];
        for &p in &self.pixels {
            hist[p as usize] += 1;
        }
        let total = self.pixels.len() as f64;
        let sum: f64 = hist
            .iter()
            .enumerate()
            .map(|(i, &n)| i as f64 * n as f64)
            .sum();
        let (mut below, mut below_sum, mut best, mut level) = (0.0, 0.0, -1.0, 128u8);
        for (i, &n) in hist.iter().enumerate() {
            below += n as f64;
            below_sum += i as f64 * n as f64;
            let above = total - below;
            if below == 0.0 || above == 0.0 {
                continue;
            }
            let (m0, m1) = (below_sum / below, (sum - below_sum) / above);
            let between = below * above * (m0 - m1) * (m0 - m1);
            if between > best {
                best = between;
                level = i as u8;
            }
        }
        level
    }

    /// Ink: the pixels at or below `level`.
    pub fn ink(&self, level: u8) -> Ink {
        Ink {
            width: self.width,
            height: self.height,
            dark: self.pixels.iter().map(|&p| p <= level).collect(),
        }
    }

    /// Turned upside down (half a turn), exactly.
    pub fn turned(&self) -> Gray {
        let mut pixels = self.pixels.clone();
        pixels.reverse();
        Gray { pixels, ..*self }
    }

    /// Turned by `degrees` about its centre (positive: clockwise on screen,
    /// which levels lines that fall to the right by that angle); bilinear,
    /// the corners filled with paper.
    pub fn rotated(&self, degrees: f32) -> Gray {
        let (sin, cos) = degrees.to_radians().sin_cos();
        let (cx, cy) = (self.width as f32 / 2.0, self.height as f32 / 2.0);
        let mut out = Gray::new(self.width, self.height, 255);
        for y in 0..self.height {
            let dy = y as f32 - cy;
            for x in 0..self.width {
                let dx = x as f32 - cx;
                let sx = cx + dx * cos - dy * sin;
                let sy = cy + dx * sin + dy * cos;
                if let Some(v) = self.sample(sx, sy) {
                    out.pixels[y * self.width + x] = v;
                }
            }
        }
        out
    }

    fn sample(&self, x: f32, y: f32) -> Option<u8> {
        if x < 0.0 || y < 0.0 {
            return None;
        }
        let (x0, y0) = (x as usize, y as usize);
        if x0 + 1 >= self.width || y0 + 1 >= self.height {
            return None;
        }
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let p = |xx: usize, yy: usize| self.pixels[yy * self.width + xx] as f32;
        let top = p(x0, y0) * (1.0 - fx) + p(x0 + 1, y0) * fx;
        let bottom = p(x0, y0 + 1) * (1.0 - fx) + p(x0 + 1, y0 + 1) * fx;
        Some((top * (1.0 - fy) + bottom * fy).round() as u8)
    }
}

/// A colour pixel's gray, red ink dropped to paper: seals and "KHẨN"
/// stamps are red, the text black, and a seal over a signer's title or
/// name would hide it from OCR.
fn gray_of(r: u8, g: u8, b: u8) -> u8 {
    if r > RED_LEAST && r as i32 - g.max(b) as i32 > RED_MARGIN {
        return 255;
    }
    ((r as u32 * 299 + g as u32 * 587 + b as u32 * 114) / 1000) as u8
}

/// Least red of red ink (darker reds are the text's own dark pixels).
const RED_LEAST: u8 = 100;

/// How much redder than green and blue a pixel of red ink is.
const RED_MARGIN: i32 = 30;

/// Which pixels are ink.
#[derive(Debug, Clone)]
pub struct Ink {
    pub width: usize,
    pub height: usize,
    pub dark: Vec<bool>,
}

impl Ink {
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.width + x]
    }

    /// The ink in box `[x0, x1) × [y0, y1)` (clamped) along its rows: how
    /// many pixels, in how many runs. Their ratio is a stroke's thickness,
    /// which tells bold type from regular at any size of letters.
    pub fn runs_in(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> (u32, u32) {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        let (mut dark, mut runs) = (0, 0);
        for y in y0.min(y1)..y1 {
            let row = &self.dark[y * self.width..(y + 1) * self.width];
            let mut before = false;
            for &d in &row[x0.min(x1)..x1] {
                dark += d as u32;
                runs += (d && !before) as u32;
                before = d;
            }
        }
        (dark, runs)
    }

    /// The same ink with rows and columns swapped (to find upright lines
    /// with the code that finds level ones).
    pub fn transposed(&self) -> Ink {
        let mut dark = vec![false; self.dark.len()];
        for y in 0..self.height {
            for x in 0..self.width {
                dark[x * self.height + y] = self.dark[y * self.width + x];
            }
        }
        Ink {
            width: self.height,
            height: self.width,
            dark,
        }
    }
}

/// The skew of a page's lines in degrees, within ±`reach`: the angle at
/// which the ink, projected onto the page's side, makes the sharpest
/// profile (text lines and rules stand out as peaks only when level).
/// Positive: lines fall to the right.
pub fn skew(ink: &Ink, reach: f32) -> f32 {
    // every other pixel in each direction: a quarter of the work, and the
    // profile's bins stay two pixels apart
    let points: Vec<(f32, f32)> = (0..ink.height)
        .step_by(2)
        .flat_map(|y| {
            (0..ink.width)
                .step_by(2)
                .filter(move |&x| ink.is_dark(x, y))
                .map(move |x| (x as f32, y as f32))
        })
        .collect();
    if points.len() < 100 {
        return 0.0;
    }
    let bins = ink.height / 2 + ink.width / 2 + 2;
    let sharpness = |deg: f32| -> f64 {
        let slope = deg.to_radians().tan();
        let mut profile = vec![0u32; bins * 2];
        let shift = bins as f32;
        for &(x, y) in &points {
            let at = ((y - x * slope) / 2.0 + shift) as usize;
            if let Some(b) = profile.get_mut(at) {
                *b += 1;
            }
        }
        profile.iter().map(|&n| (n as f64) * (n as f64)).sum()
    };
    let best_of = |from: f32, to: f32, step: f32| -> f32 {
        let n = ((to - from) / step).round() as i32;
        (0..=n)
            .map(|i| from + i as f32 * step)
            .map(|d| (d, sharpness(d)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.abs().total_cmp(&a.0.abs())))
            .map_or(0.0, |(d, _)| d)
    };
    let coarse = best_of(-reach, reach, 0.1);
    best_of(coarse - 0.1, coarse + 0.1, 0.02)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of dark bars (text lines) falling to the right by `deg`.
    fn bars(deg: f32) -> Gray {
        let mut g = Gray::new(800, 600, 255);
        let slope = deg.to_radians().tan();
        for line in 0..10 {
            let y0 = 60.0 + line as f32 * 45.0;
            for x in 50..750 {
                if x % 40 > 30 {
                    continue; // word gaps
                }
                let y = (y0 + x as f32 * slope) as usize;
                for yy in y..y + 8 {
                    g.pixels[yy * 800 + x] = 20;
                }
            }
        }
        g
    }

    #[test]
    fn skew_is_measured_and_undone() {
        let page = bars(0.8);
        let ink = page.ink(page.otsu());
        let found = skew(&ink, 2.0);
        assert!((found - 0.8).abs() <= 0.06, "{found}");
        let level = page.rotated(found);
        assert!(skew(&level.ink(level.otsu()), 2.0).abs() <= 0.06);
    }

    #[test]
    fn pnm_pictures_are_read() {
        let gray = Gray::from_pnm(b"P5\n# c\n2 1\n255\n\x00\xff").unwrap();
        assert_eq!(gray.pixels, [0, 255]);
        let bits = Gray::from_pnm(b"P4\n3 1\n\xa0").unwrap();
        assert_eq!(bits.pixels, [0, 255, 0]);
        let rgb = Gray::from_pnm(b"P6 3 1 255 \xff\xff\xff\x20\x20\x20\xd0\x30\x40").unwrap();
        assert_eq!(rgb.pixels, [255, 32, 255], "white, black, a seal's red");
        assert!(Gray::from_pnm(b"P5\n2 2\n255\n\x00").is_err());
        assert!(Gray::from_pnm(b"GIF8").is_err());
        let round = Gray::from_pnm(&gray.to_pgm()).unwrap();
        assert_eq!(round, gray);
    }

    #[test]
    fn strokes_are_measured_along_rows() {
        let mut g = Gray::new(20, 2, 255);
        g.pixels[2..5].fill(0); // a stroke 3 wide
        g.pixels[10..11].fill(0); // and 1 wide
        assert_eq!(g.ink(128).runs_in(0, 0, 20, 2), (4, 2));
    }

    #[test]
    fn otsu_parts_ink_from_paper() {
        let mut g = Gray::new(10, 10, 230);
        g.pixels[..20].fill(30);
        let level = g.otsu();
        assert!((30..230).contains(&level));
        assert_eq!(g.ink(level).dark.iter().filter(|&&d| d).count(), 20);
    }
}
