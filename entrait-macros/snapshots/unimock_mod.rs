pub mod users {
    pub fn get(deps: &impl Db) -> u32 {
        0
    }
    pub fn count<D>(deps: &D) -> u32 {
        0
    }
    #[cfg_attr(
        test,
        ::entrait::__mock::unimock(
            prefix = ::entrait::__mock,
            api = mock,
            unmock_with = [get,
            count]
        )
    )]
    pub trait Users {
        fn get(&self) -> u32;
        fn count(&self) -> u32;
    }
    impl<T> Users for ::entrait::Impl<T>
    where
        ::entrait::Impl<T>: Db,
    {
        fn get(&self) -> u32 {
            get(self)
        }
        fn count(&self) -> u32 {
            count(self)
        }
    }
}
#[allow(unused_imports)]
pub use users::Users;
