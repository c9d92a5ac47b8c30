//! A content stream interpreter that keeps only what tables need: glyphs
//! with their boxes, and the thin lines and rectangles borders are drawn with.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::annots::Appearance;
use super::font::Font;
use super::geometry::Matrix;
use super::objects::{deref, dict_get, number};
use super::{Glyph, Limits, RawStreams, Rule};

/// A rectangle or line thinner than this (points) is a border, not a shading.
const RULE_MAX_THICKNESS: f32 = 3.0;
/// Nesting of q, and of form XObjects within each other.
const MAX_STATE_DEPTH: usize = 256;
const MAX_FORM_DEPTH: usize = 12;

#[derive(Clone)]
struct State {
    ctm: Matrix,
    line_width: f32,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    h_scale: f32,
    leading: f32,
    rise: f32,
    /// The clipping path's box in page space (none: the whole page). Text
    /// outside it is not shown: a word processor clips a cell's overflow.
    clip: Option<Rect>,
    /// The fill colour is white: a box filled so paints nothing one sees.
    fill_white: bool,
}

/// A box in page space: x0, top, x1, bottom.
type Rect = (f32, f32, f32, f32);

/// A clip thinner than this (points) is taken for a producer's quirk, not
/// for hiding the text under it; a glyph's centre this far outside a clip
/// is still inside (rounding at a cell's edge).
const CLIP_SLACK: f32 = 1.0;

impl State {
    fn new(ctm: Matrix) -> State {
        State {
            ctm,
            line_width: 1.0,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            clip: None,
            fill_white: false,
        }
    }
}

/// What a page's content streams drew.
#[derive(Default)]
pub struct Drawn {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Boxes filled with a colour, not thin enough to be rules.
    pub shades: Vec<Rule>,
    pub images: usize,
    /// Area of the largest image drawn, in square points of page space.
    pub image_cover: f32,
    /// Pixels per inch of that image, where its width is known.
    pub image_ppi: f32,
    /// Operators interpreted, against the document's budget.
    pub operations: usize,
    /// Set when a budget cut the page short.
    pub truncated: bool,
}

pub struct Interpreter<'a> {
    doc: &'a Document,
    raw: &'a RawStreams<'a>,
    limits: &'a Limits,
    fonts: &'a mut HashMap<ObjectId, Rc<Font>>,
    /// User space → page space (crop box origin, rotation, y down).
    page: Matrix,
    out: Drawn,
    forms: Vec<ObjectId>,
    /// Drawing an annotation: its pictures (a stamp's seal) make no scan.
    in_annotation: bool,
}

/// The path under construction, in device space.
#[derive(Default)]
struct Path {
    subpaths: Vec<Vec<(f32, f32)>>,
    /// Subpaths with a curve are never rules.
    curved: Vec<bool>,
}

impl Path {
    fn move_to(&mut self, p: (f32, f32)) {
        self.subpaths.push(vec![p]);
        self.curved.push(false);
    }
    fn line_to(&mut self, p: (f32, f32)) {
        match self.subpaths.last_mut() {
            Some(sp) => sp.push(p),
            None => self.move_to(p),
        }
    }
    fn curve_to(&mut self, p: (f32, f32)) {
        self.line_to(p);
        if let Some(c) = self.curved.last_mut() {
            *c = true;
        }
    }
    fn close(&mut self) {
        if let Some(sp) = self.subpaths.last_mut()
            && let Some(&first) = sp.first()
        {
            sp.push(first);
        }
    }
}

impl<'a> Interpreter<'a> {
    pub fn new(
        doc: &'a Document,
        raw: &'a RawStreams<'a>,
        limits: &'a Limits,
        fonts: &'a mut HashMap<ObjectId, Rc<Font>>,
        page: Matrix,
    ) -> Self {
        Interpreter {
            doc,
            raw,
            limits,
            fonts,
            page,
            out: Drawn::default(),
            forms: Vec::new(),
            in_annotation: false,
        }
    }

    /// Draws a page's content streams.
    pub fn content(&mut self, content: &[u8], resources: Option<&'a Dictionary>) {
        self.stream(content, resources, State::new(Matrix::IDENTITY));
    }

    /// Draws an annotation's appearance over what is already drawn.
    pub fn appearance(&mut self, a: &Appearance<'a>) {
        self.in_annotation = true;
        self.form(a.id, a.form, None, State::new(a.matrix));
        self.in_annotation = false;
    }

    /// How many glyphs and rules are drawn so far.
    pub fn drawn_len(&self) -> (usize, usize) {
        (self.out.glyphs.len(), self.out.rules.len())
    }

    /// Takes back what was drawn after [`Self::drawn_len`] said `(glyphs, rules)`.
    pub fn take_since(&mut self, glyphs: usize, rules: usize) -> (Vec<Glyph>, Vec<Rule>) {
        (
            self.out.glyphs.split_off(glyphs.min(self.out.glyphs.len())),
            self.out.rules.split_off(rules.min(self.out.rules.len())),
        )
    }

    pub fn finish(self) -> Drawn {
        self.out
    }

    /// A form XObject: its content in its own resources (else the caller's),
    /// through its `/Matrix`. A form inside itself is not drawn again.
    fn form(
        &mut self,
        id: ObjectId,
        stream: &'a lopdf::Stream,
        resources: Option<&'a Dictionary>,
        gs: State,
    ) {
        if self.forms.len() >= MAX_FORM_DEPTH || (id != (0, 0) && self.forms.contains(&id)) {
            return;
        }
        let Some(content) = self.raw.content(id, stream, self.limits.max_stream_bytes) else {
            return;
        };
        let matrix = super::objects::form_matrix(self.doc, &stream.dict);
        let form_resources = dict_get(self.doc, &stream.dict, b"Resources")
            .and_then(|r| r.as_dict().ok())
            .or(resources);
        let mut state = gs;
        state.ctm = matrix.then(&state.ctm);
        self.forms.push(id);
        self.stream(&content, form_resources, state);
        self.forms.pop();
    }

    fn stream(&mut self, content: &[u8], resources: Option<&'a Dictionary>, start: State) {
        let mut stack: Vec<State> = Vec::new();
        let mut gs = start;
        let mut path = Path::default();
        // "W" clips to the path once the painting operator after it ends it
        let mut clipping = false;
        let (mut tm, mut tlm) = (Matrix::IDENTITY, Matrix::IDENTITY);
        // A broken operator ends the stream: what came before it is kept.
        for op in Content::decode_iter(content).map_while(Result::ok) {
            self.out.operations += 1;
            if self.out.operations > self.limits.max_operations
                || self.out.glyphs.len() > self.limits.max_glyphs_per_page
                || (self.out.operations.is_multiple_of(4096) && self.limits.expired())
            {
                self.out.truncated = true;
                return;
            }
            let args = &op.operands;
            let num = |i: usize| args.get(i).and_then(|o| number(self.doc, o)).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if stack.len() < MAX_STATE_DEPTH => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    let m = Matrix([num(0), num(1), num(2), num(3), num(4), num(5)]);
                    if m.is_finite() {
                        gs.ctm = m.then(&gs.ctm);
                    }
                }
                "w" => gs.line_width = num(0),
                "g" | "rg" | "k" | "sc" | "scn" | "cs" => {
                    let values: Vec<f32> =
                        args.iter().filter_map(|o| number(self.doc, o)).collect();
                    gs.fill_white = op.operator != "cs" && is_white(&values);
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    gs.font = args
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| self.font(resources, n));
                    gs.size = num(1);
                }
                "Tc" => gs.char_spacing = num(0),
                "Tw" => gs.word_spacing = num(0),
                "Tz" => gs.h_scale = num(0) / 100.0,
                "TL" => gs.leading = num(0),
                "Ts" => gs.rise = num(0),
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        gs.leading = -num(1);
                    }
                    tlm = Matrix::translate(num(0), num(1)).then(&tlm);
                    tm = tlm;
                }
                "Tm" => {
                    let m = Matrix([num(0), num(1), num(2), num(3), num(4), num(5)]);
                    if m.is_finite() {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            gs.word_spacing = num(0);
                            gs.char_spacing = num(1);
                        }
                        tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s, _)) = args.last() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                "TJ" => {
                    for item in args
                        .first()
                        .and_then(|a| a.as_array().ok())
                        .into_iter()
                        .flatten()
                    {
                        match item {
                            Object::String(s, _) => self.show(&gs, &mut tm, s),
                            other => {
                                let adj = number(self.doc, other).unwrap_or(0.0);
                                let tx = -adj / 1000.0 * gs.size * gs.h_scale;
                                tm = Matrix::translate(tx, 0.0).then(&tm);
                            }
                        }
                    }
                }
                "m" => path.move_to(gs.ctm.apply(num(0), num(1))),
                "l" => path.line_to(gs.ctm.apply(num(0), num(1))),
                "c" => path.curve_to(gs.ctm.apply(num(4), num(5))),
                "v" | "y" => path.curve_to(gs.ctm.apply(num(2), num(3))),
                "h" => path.close(),
                "re" => {
                    let (x, y, w, h) = (num(0), num(1), num(2), num(3));
                    path.move_to(gs.ctm.apply(x, y));
                    path.line_to(gs.ctm.apply(x + w, y));
                    path.line_to(gs.ctm.apply(x + w, y + h));
                    path.line_to(gs.ctm.apply(x, y + h));
                    path.close();
                }
                "W" | "W*" => clipping = true,
                "S" | "s" => {
                    if op.operator == "s" {
                        path.close();
                    }
                    self.stroke(&path, gs.line_width * gs.ctm.mean_scale());
                    self.end_path(&mut path, &mut gs, &mut clipping);
                }
                "f" | "F" | "f*" => {
                    self.fill(&path, gs.fill_white);
                    self.end_path(&mut path, &mut gs, &mut clipping);
                }
                "B" | "B*" | "b" | "b*" => {
                    if op.operator.starts_with('b') {
                        path.close();
                    }
                    self.fill(&path, gs.fill_white);
                    self.stroke(&path, gs.line_width * gs.ctm.mean_scale());
                    self.end_path(&mut path, &mut gs, &mut clipping);
                }
                "n" => self.end_path(&mut path, &mut gs, &mut clipping),
                "Do" => {
                    if let Some(name) = args.first().and_then(|n| n.as_name().ok()) {
                        self.x_object(resources, name, &gs);
                    }
                }
                "BI" => self.image(&gs, None),
                _ => {}
            }
        }
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = dict_get(self.doc, resources?, b"Font")?.as_dict().ok()?;
        let entry = fonts.get(name).ok()?;
        let id = entry.as_reference().ok();
        if let Some(f) = id.and_then(|id| self.fonts.get(&id)) {
            return Some(f.clone());
        }
        let dict = deref(self.doc, entry).as_dict().ok()?;
        let font = Rc::new(Font::load(self.doc, dict, self.limits.max_stream_bytes));
        if let Some(id) = id {
            self.fonts.insert(id, font.clone());
        }
        Some(font)
    }

    fn show(&mut self, gs: &State, tm: &mut Matrix, bytes: &[u8]) {
        let Some(font) = gs.font.clone() else { return };
        for code in font.decode(bytes) {
            let m = Matrix([gs.size * gs.h_scale, 0.0, 0.0, gs.size, 0.0, gs.rise])
                .then(tm)
                .then(&gs.ctm)
                .then(&self.page);
            if !code.text.is_empty() && m.is_finite() {
                let g = glyph(&m, code.text, code.width, &font);
                if gs.clip.is_none_or(|c| shows(c, &g)) {
                    self.out.glyphs.push(g);
                }
            }
            let spacing = gs.char_spacing + if code.is_space { gs.word_spacing } else { 0.0 };
            let tx = (code.width * gs.size + spacing) * gs.h_scale;
            *tm = Matrix::translate(tx, 0.0).then(tm);
        }
    }

    /// Ends the path; after "W", the clip narrows to its box.
    fn end_path(&self, path: &mut Path, gs: &mut State, clipping: &mut bool) {
        if std::mem::take(clipping)
            && let Some(b) = self.page_box(path)
            && b.2 - b.0 >= CLIP_SLACK
            && b.3 - b.1 >= CLIP_SLACK
        {
            gs.clip = Some(match gs.clip {
                Some(c) => (c.0.max(b.0), c.1.max(b.1), c.2.min(b.2), c.3.min(b.3)),
                None => b,
            });
        }
        *path = Path::default();
    }

    /// The box of a path in page space.
    fn page_box(&self, path: &Path) -> Option<Rect> {
        let pts: Vec<(f32, f32)> = path
            .subpaths
            .iter()
            .flatten()
            .map(|p| self.page.apply(p.0, p.1))
            .collect();
        if pts.is_empty() {
            return None;
        }
        let (x0, x1) = min_max(pts.iter().map(|p| p.0));
        let (top, bottom) = min_max(pts.iter().map(|p| p.1));
        Some((x0, top, x1, bottom))
    }

    fn stroke(&mut self, path: &Path, width: f32) {
        let half = (width.abs() / 2.0).max(0.1);
        for (sp, curved) in path.subpaths.iter().zip(&path.curved) {
            if *curved {
                continue;
            }
            for seg in sp.windows(2) {
                let a = self.page.apply(seg[0].0, seg[0].1);
                let b = self.page.apply(seg[1].0, seg[1].1);
                let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
                if dy < 0.5 && dx > 0.5 {
                    let y = (a.1 + b.1) / 2.0;
                    self.push_rule(a.0.min(b.0), y - half, a.0.max(b.0), y + half);
                } else if dx < 0.5 && dy > 0.5 {
                    let x = (a.0 + b.0) / 2.0;
                    self.push_rule(x - half, a.1.min(b.1), x + half, a.1.max(b.1));
                }
            }
        }
    }

    /// A filled axis-aligned rectangle that is thin in one direction is a
    /// rule; a wider one filled with a colour is a shade (a shaded row or
    /// cell).
    fn fill(&mut self, path: &Path, white: bool) {
        for (sp, curved) in path.subpaths.iter().zip(&path.curved) {
            if *curved || sp.len() < 4 || sp.len() > 5 {
                continue;
            }
            let pts: Vec<(f32, f32)> = sp.iter().map(|p| self.page.apply(p.0, p.1)).collect();
            let axis_aligned = pts
                .windows(2)
                .all(|w| (w[0].0 - w[1].0).abs() < 0.5 || (w[0].1 - w[1].1).abs() < 0.5);
            if !axis_aligned {
                continue;
            }
            let (x0, x1) = min_max(pts.iter().map(|p| p.0));
            let (y0, y1) = min_max(pts.iter().map(|p| p.1));
            if (x1 - x0).min(y1 - y0) <= RULE_MAX_THICKNESS {
                if (x1 - x0).max(y1 - y0) > 1.0 {
                    self.push_rule(x0, y0, x1, y1);
                }
            } else if !white
                && !self.in_annotation
                && self.out.shades.len() < self.limits.max_rules_per_page
            {
                self.out.shades.push(Rule {
                    x0,
                    top: y0,
                    x1,
                    bottom: y1,
                });
            }
        }
    }

    fn push_rule(&mut self, x0: f32, top: f32, x1: f32, bottom: f32) {
        if self.out.rules.len() < self.limits.max_rules_per_page {
            self.out.rules.push(Rule {
                x0,
                top,
                x1,
                bottom,
            });
        }
    }

    fn x_object(&mut self, resources: Option<&'a Dictionary>, name: &[u8], gs: &State) {
        let Some(xobjects) = resources
            .and_then(|r| dict_get(self.doc, r, b"XObject"))
            .and_then(|o| o.as_dict().ok())
        else {
            return;
        };
        let Ok(entry) = xobjects.get(name) else {
            return;
        };
        let Ok(stream) = deref(self.doc, entry).as_stream() else {
            return;
        };
        match stream.dict.get(b"Subtype").and_then(|s| s.as_name()) {
            Ok(b"Image") => {
                let pixels = stream
                    .dict
                    .get(b"Width")
                    .ok()
                    .and_then(|w| number(self.doc, w));
                self.image(gs, pixels)
            }
            Ok(b"Form") => {
                let id = entry.as_reference().unwrap_or((0, 0));
                self.form(id, stream, resources, gs.clone());
            }
            _ => {}
        }
    }
}

impl Interpreter<'_> {
    /// An image fills the unit square of its CTM; `pixels` wide where known.
    fn image(&mut self, gs: &State, pixels: Option<f32>) {
        if self.in_annotation {
            return;
        }
        self.out.images += 1;
        let m = gs.ctm.then(&self.page);
        let corners = [
            m.apply(0.0, 0.0),
            m.apply(1.0, 0.0),
            m.apply(0.0, 1.0),
            m.apply(1.0, 1.0),
        ];
        let (x0, x1) = min_max(corners.iter().map(|p| p.0));
        let (y0, y1) = min_max(corners.iter().map(|p| p.1));
        let area = (x1 - x0) * (y1 - y0);
        if area.is_finite() && area > self.out.image_cover {
            self.out.image_cover = area;
            self.out.image_ppi = pixels.map_or(0.0, |w| w * 72.0 / (x1 - x0).max(1.0));
        }
    }
}

fn min_max(values: impl Iterator<Item = f32>) -> (f32, f32) {
    values.fold((f32::MAX, f32::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// Is the glyph's centre inside the clip (within [`CLIP_SLACK`])?
fn shows(clip: Rect, g: &Glyph) -> bool {
    let (cx, cy) = ((g.x0 + g.x1) / 2.0, (g.top + g.bottom) / 2.0);
    cx >= clip.0 - CLIP_SLACK
        && cx <= clip.2 + CLIP_SLACK
        && cy >= clip.1 - CLIP_SLACK
        && cy <= clip.3 + CLIP_SLACK
}

/// The glyph's box from its text-space cell: advance wide, from descent to ascent.
fn glyph(m: &Matrix, text: compact_str::CompactString, width: f32, font: &Font) -> Glyph {
    const ASCENT: f32 = 0.8;
    const DESCENT: f32 = -0.2;
    let corners = [
        m.apply(0.0, DESCENT),
        m.apply(width, DESCENT),
        m.apply(0.0, ASCENT),
        m.apply(width, ASCENT),
    ];
    let (mut x0, mut x1) = min_max(corners.iter().map(|p| p.0));
    let (top, bottom) = min_max(corners.iter().map(|p| p.1));
    // upright but slanted (a synthetic italic's skew): the box is the
    // advance at mid-height, so neighbours do not overlap
    let [a, b, c, _, _, _] = m.0;
    if b.abs() <= a.abs() * 1e-3 && c != 0.0 {
        let mid = (ASCENT + DESCENT) / 2.0;
        (x0, x1) = min_max([m.apply(0.0, mid).0, m.apply(width, mid).0].into_iter());
    }
    let origin = m.apply(0.0, 0.0);
    Glyph {
        text,
        x0,
        x1,
        top,
        bottom,
        baseline: origin.1,
        size: m.y_scale(),
        bold: font.bold,
        font: font.name.clone(),
        stamp: false,
    }
}

/// Is a fill colour white: gray 1, RGB 1 1 1, CMYK 0 0 0 0 (told by how
/// many components the operator gives; a pattern or none is not).
fn is_white(values: &[f32]) -> bool {
    match values.len() {
        1 | 3 => values.iter().all(|&v| v >= 0.99),
        4 => values.iter().all(|&v| v <= 0.01),
        _ => false,
    }
}
