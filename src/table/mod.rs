//! Table stage: ruled grids on each page, column roles from header text.

mod bands;
pub mod borderless;
pub mod grid;
pub mod roles;

pub use grid::{Cell, Grid, grids};
pub use roles::Role;
