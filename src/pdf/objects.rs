//! Small helpers over lopdf objects that never panic and never loop.

use lopdf::{Dictionary, Document, Object};

use super::geometry::Matrix;

/// Follows references (at most a few hops: reference chains can loop).
pub fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..8 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => o = next,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

pub fn dict_get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

pub fn number(doc: &Document, o: &Object) -> Option<f32> {
    match deref(doc, o) {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

pub fn numbers(doc: &Document, o: &Object) -> Vec<f32> {
    match deref(doc, o) {
        Object::Array(a) => a.iter().filter_map(|v| number(doc, v)).collect(),
        _ => Vec::new(),
    }
}

/// A form's `/Matrix`; identity where it has none or it is malformed.
pub fn form_matrix(doc: &Document, form: &Dictionary) -> Matrix {
    dict_get(doc, form, b"Matrix")
        .map(|m| numbers(doc, m))
        .filter(|m| m.len() == 6)
        .map_or(Matrix::IDENTITY, |m| {
            Matrix([m[0], m[1], m[2], m[3], m[4], m[5]])
        })
}
