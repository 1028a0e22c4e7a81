pub mod users {
    pub fn get(deps: &impl Db, id: u32) -> String {
        todo!()
    }
    pub(crate) fn count<D: Db>(deps: &D) -> usize {
        0
    }
    fn private() {}
    pub trait Users {
        fn get(&self, id: u32) -> String;
        fn count(&self) -> usize;
    }
    impl<T: Db> Users for T {
        fn get(&self, id: u32) -> String {
            get(self, id)
        }
        fn count(&self) -> usize {
            count(self)
        }
    }
}
#[allow(unused_imports)]
pub use users::Users;
