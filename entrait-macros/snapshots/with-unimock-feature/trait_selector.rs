#[cfg_attr(test, ::entrait::__mock::unimock(prefix = ::entrait::__mock))]
pub trait Repo {
    fn fetch(&self, id: u32) -> i32;
    fn load(&self) -> impl ::core::future::Future<Output = u8> + ::core::marker::Send;
}
///The implementation side of [`Repo`]: implement it (with `#[entrait] impl RepoImpl for MyType`) and select the implementation with [`DelegateRepo`].
pub trait RepoImpl<T> {
    fn fetch(_impl: &::entrait::Impl<T>, id: u32) -> i32;
    fn load(
        _impl: &::entrait::Impl<T>,
    ) -> impl ::core::future::Future<Output = u8> + ::core::marker::Send;
}
///Selects the [`RepoImpl`] that `Impl<T>` delegates [`Repo`] to.
pub trait DelegateRepo<T> {
    /// The type implementing the trait for this application.
    type Target: RepoImpl<T>;
}
impl<T: DelegateRepo<T>> Repo for ::entrait::Impl<T> {
    fn fetch(&self, id: u32) -> i32 {
        <<T as DelegateRepo<T>>::Target as RepoImpl<T>>::fetch(self, id)
    }
    fn load(&self) -> impl ::core::future::Future<Output = u8> + ::core::marker::Send {
        <<T as DelegateRepo<T>>::Target as RepoImpl<T>>::load(self)
    }
}
