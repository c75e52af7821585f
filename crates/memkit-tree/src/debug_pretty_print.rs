//! [`DebugPrettyPrint`]: a subtree printed as an indented outline.

use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use crate::{Arena, NodeEdge, NodeId};

/// Prints the subtree under a node as an outline, one node per line, the
/// children under their parent behind `|-- ` and `` `-- `` markers. A
/// value that spans several lines keeps its continuation lines inside its
/// branch. Made by [`NodeId::debug_pretty_print`].
///
/// `{:?}` and `{:#?}` print the values with `Debug`; `{}` and `{:#}` with
/// `Display`. The walk is a loop over [`NodeId::traverse`] with one small
/// entry per open level, so any depth prints on any stack.
///
/// # Examples
///
/// ```
/// let mut arena = memkit_tree::Arena::new();
/// let root = arena.new_node("root");
/// root.append_value("a", &mut arena);
/// root.append_value("b", &mut arena);
/// assert_eq!(
///     format!("{:?}", root.debug_pretty_print(&arena)),
///     "\"root\"\n|-- \"a\"\n`-- \"b\""
/// );
/// ```
pub struct DebugPrettyPrint<'a, T> {
    id: NodeId,
    arena: &'a Arena<T>,
}

impl<T> Clone for DebugPrettyPrint<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for DebugPrettyPrint<'_, T> {}

impl<'a, T> DebugPrettyPrint<'a, T> {
    pub(crate) fn new(id: NodeId, arena: &'a Arena<T>) -> Self {
        DebugPrettyPrint { id, arena }
    }

    /// Writes the outline, each value through `write_value`.
    fn outline(
        &self,
        f: &mut fmt::Formatter<'_>,
        write_value: fn(&T, &mut Outliner<'_, '_>, bool) -> fmt::Result,
    ) -> fmt::Result {
        let alternate = f.alternate();
        let mut out = Outliner {
            f,
            levels: Vec::new(),
            at_line_start: true,
        };
        for edge in self.id.traverse(self.arena) {
            match edge {
                NodeEdge::Start(id) => {
                    if id != self.id {
                        out.open(self.arena.links(id).next_sibling.is_none())?;
                    }
                    write_value(self.arena[id].get(), &mut out, alternate)?;
                }
                NodeEdge::End(id) => {
                    if id != self.id {
                        out.levels.pop();
                    }
                }
            }
        }
        Ok(())
    }
}

/// One open level of the outline: whether its node is the last child, and
/// whether the node's first line is still being written.
#[derive(Clone, Copy)]
struct Level {
    last: bool,
    first_line: bool,
}

/// Writes text behind the markers of the open levels.
struct Outliner<'a, 'b> {
    f: &'b mut fmt::Formatter<'a>,
    levels: Vec<Level>,
    at_line_start: bool,
}

impl Outliner<'_, '_> {
    /// Starts the line of a new child.
    fn open(&mut self, last: bool) -> fmt::Result {
        if !self.at_line_start {
            self.f.write_char('\n')?;
            self.at_line_start = true;
        }
        if let Some(parent) = self.levels.last_mut() {
            parent.first_line = false;
        }
        self.levels.push(Level {
            last,
            first_line: true,
        });
        Ok(())
    }
}

impl fmt::Write for Outliner<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for line in text.split_inclusive('\n') {
            if self.at_line_start {
                for level in &self.levels {
                    self.f.write_str(match (level.last, level.first_line) {
                        (false, true) => "|-- ",
                        (true, true) => "`-- ",
                        (false, false) => "|   ",
                        (true, false) => "    ",
                    })?;
                }
            }
            self.f.write_str(line)?;
            let ends_line = line.ends_with('\n');
            if ends_line && let Some(level) = self.levels.last_mut() {
                level.first_line = false;
            }
            self.at_line_start = ends_line;
        }
        Ok(())
    }
}

impl<T: fmt::Display> fmt::Display for DebugPrettyPrint<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.outline(f, |value, out, alternate| {
            if alternate {
                write!(out, "{value:#}")
            } else {
                write!(out, "{value}")
            }
        })
    }
}

impl<T: fmt::Debug> fmt::Debug for DebugPrettyPrint<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.outline(f, |value, out, alternate| {
            if alternate {
                write!(out, "{value:#?}")
            } else {
                write!(out, "{value:?}")
            }
        })
    }
}
