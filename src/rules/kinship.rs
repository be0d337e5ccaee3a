//! Kinship: the relation between every pair of people, derived from each person's relation to
//! the user where the derivation is certain; unknown where it is not (step-families, divorces and
//! half-siblings make many derivations uncertain). 近亲属 per 民法典 art. 1045.

use crate::i18n::Key;
use crate::model::{Relation, Relation::*, Scenario};
use crate::policy::Kin;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derived {
    /// `a` is `b`'s relation.
    Rel(Relation),
    /// Certainly not a near relative, whatever the exact relation.
    NotNear,
    Unknown,
}

/// What someone is to the user → what the user is to them.
pub fn inverse(r: Relation) -> Relation {
    match r {
        Me => Me,
        Spouse => Spouse,
        Parent => Child,
        Child => Parent,
        Sibling => Sibling,
        Grandparent => Grandchild,
        Grandchild => Grandparent,
        ParentInLaw => ChildInLaw,
        ChildInLaw => ParentInLaw,
        SiblingInLaw => SiblingInLaw,
        Other => Other,
    }
}

fn inverse_d(d: Derived) -> Derived {
    match d {
        Derived::Rel(r) => Derived::Rel(inverse(r)),
        x => x,
    }
}

/// What `a` is to `b`, given what each is to the user (neither is the user).
pub fn derive(ra: Relation, rb: Relation) -> Derived {
    use Derived::{NotNear as N, Rel, Unknown as U};
    match (ra, rb) {
        (Other, _) | (_, Other) | (Me, _) | (_, Me) => U,
        (Spouse, Spouse) => U,
        (Spouse, Parent) => Rel(ChildInLaw),
        (Spouse, ParentInLaw) => Rel(Child),
        (Spouse, Child) => U, // a step-child is possible
        (Spouse, Sibling) => Rel(SiblingInLaw),
        (Spouse, Grandparent) => N,
        (Spouse, Grandchild) => U,
        (Spouse, ChildInLaw) => N,
        (Spouse, SiblingInLaw) => U, // the spouse's own sibling, or the user's sibling's spouse
        (Parent, Parent) => U,       // married, or divorced
        (Parent, Child) => Rel(Grandparent),
        (Parent, Sibling) => U, // half-siblings
        (Parent, Grandparent) => U,
        (Parent, Grandchild) => N,
        (Parent, ParentInLaw) => N,
        (Parent, ChildInLaw) => N,
        (Parent, SiblingInLaw) => N,
        (Child, Child) => Rel(Sibling), // at least half-siblings, who are 兄弟姐妹
        (Child, Sibling) => N,
        (Child, Grandparent) => N,
        (Child, Grandchild) => U,
        (Child, ParentInLaw) => U,
        (Child, ChildInLaw) => U,
        (Child, SiblingInLaw) => N,
        (Sibling, Sibling) => U,
        (Sibling, Grandparent) => U,
        (Sibling, Grandchild) => N,
        (Sibling, ParentInLaw) => N,
        (Sibling, ChildInLaw) => N,
        (Sibling, SiblingInLaw) => U,
        (Grandparent, Grandparent) => U,
        (Grandparent, Grandchild) => N,
        (Grandparent, ParentInLaw) => N,
        (Grandparent, ChildInLaw) => N,
        (Grandparent, SiblingInLaw) => N,
        (Grandchild, Grandchild) => U,
        (Grandchild, ParentInLaw) => N,
        (Grandchild, ChildInLaw) => U,
        (Grandchild, SiblingInLaw) => N,
        (ParentInLaw, ParentInLaw) => U,
        (ParentInLaw, ChildInLaw) => N,
        (ParentInLaw, SiblingInLaw) => U,
        (ChildInLaw, ChildInLaw) => N,
        (ChildInLaw, SiblingInLaw) => N,
        (SiblingInLaw, SiblingInLaw) => U,
        // the mirror images
        (x, y) => inverse_d(derive_mirror(y, x)),
    }
}

/// `derive` with the arguments known to be handled in the first arm list (no further mirroring).
fn derive_mirror(ra: Relation, rb: Relation) -> Derived {
    match (ra, rb) {
        (x, y) if (rank(x) <= rank(y)) => derive(x, y),
        _ => Derived::Unknown,
    }
}

fn rank(r: Relation) -> u8 {
    match r {
        Me => 0,
        Spouse => 1,
        Parent => 2,
        Child => 3,
        Sibling => 4,
        Grandparent => 5,
        Grandchild => 6,
        ParentInLaw => 7,
        ChildInLaw => 8,
        SiblingInLaw => 9,
        Other => 10,
    }
}

/// What person `a` is to person `b` in the scenario.
pub fn between(sc: &Scenario, a: usize, b: usize) -> Derived {
    // A relation given for the pair (in either direction) comes first.
    let given = sc.relations.iter().find_map(|pr| match (pr.a, pr.b) {
        (x, y) if (x, y) == (a, b) => Some(pr.relation),
        (x, y) if (x, y) == (b, a) => Some(inverse(pr.relation)),
        _ => None,
    });
    if let Some(r) = given {
        return Derived::Rel(r);
    }
    let (ra, rb) = match (sc.people.get(a), sc.people.get(b)) {
        (Some(pa), Some(pb)) => (pa.relation, pb.relation),
        _ => return Derived::Unknown,
    };
    match (ra, rb) {
        (Me, Me) => Derived::Unknown,
        (Me, r) => match r {
            Other => Derived::Unknown,
            r => Derived::Rel(inverse(r)),
        },
        (r, Me) => match r {
            Other => Derived::Unknown,
            r => Derived::Rel(r),
        },
        (x, y) => derive(x, y),
    }
}

/// Whether relation `r` is one the sharing rule covers in era `kin`.
pub fn near(kin: Kin, r: Relation) -> bool {
    match kin {
        Kin::CoreThree => matches!(r, Spouse | Parent | Child),
        Kin::NearRelatives => matches!(r, Spouse | Parent | Child | Sibling | Grandparent | Grandchild),
    }
}

/// The catalog text naming era `kin`'s scope (配偶、父母、子女 / 近亲属).
pub fn scope_text(kin: Kin) -> Key {
    match kin {
        Kin::CoreThree => Key::KinCoreThree,
        Kin::NearRelatives => Key::KinNearRelatives,
    }
}

/// In-law relations (never 近亲属 under art. 1045).
pub fn in_law(r: Relation) -> bool {
    matches!(r, ParentInLaw | ChildInLaw | SiblingInLaw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivation_is_symmetric() {
        for a in Relation::ALL {
            for b in Relation::ALL {
                let ab = derive(*a, *b);
                let ba = derive(*b, *a);
                assert_eq!(ab, inverse_d(ba), "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn common_families() {
        assert_eq!(derive(Spouse, ParentInLaw), Derived::Rel(Child));
        assert_eq!(derive(ParentInLaw, Spouse), Derived::Rel(Parent));
        assert_eq!(derive(Parent, Child), Derived::Rel(Grandparent));
        assert_eq!(derive(Child, Child), Derived::Rel(Sibling));
        assert_eq!(derive(Spouse, Child), Derived::Unknown);
        assert_eq!(derive(Spouse, Parent), Derived::Rel(ChildInLaw));
    }
}
