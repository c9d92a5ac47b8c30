//! Affine matrices as PDF writes them: `[a b c d e f]`.

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f32; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` applied first, then `then` (PDF's `self × then`).
    pub fn then(&self, then: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    /// How much a unit length along y grows (a glyph's effective size).
    pub fn y_scale(&self) -> f32 {
        self.0[2].hypot(self.0[3])
    }

    /// Mean scale of both axes (for line widths).
    pub fn mean_scale(&self) -> f32 {
        (self.0[0].hypot(self.0[1]) + self.y_scale()) / 2.0
    }

    pub fn is_finite(&self) -> bool {
        self.0.iter().all(|v| v.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn then_applies_left_first() {
        let scale = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let m = Matrix::translate(1.0, 1.0).then(&scale);
        assert_eq!(m.apply(0.0, 0.0), (2.0, 2.0));
        assert_eq!(
            scale.then(&Matrix::translate(1.0, 1.0)).apply(0.0, 0.0),
            (1.0, 1.0)
        );
    }
}
