impl MyRepo {
    fn fetch(deps: &impl Db, id: u32) -> i32 {
        todo!()
    }
    async fn load<D>(deps: &D) -> u8 {
        0
    }
}
impl<T> RepoImpl<T> for MyRepo
where
    ::entrait::Impl<T>: Db,
    T: ::core::marker::Sync,
{
    fn fetch(_impl: &::entrait::Impl<T>, id: u32) -> i32 {
        Self::fetch(_impl, id)
    }
    fn load(
        _impl: &::entrait::Impl<T>,
    ) -> impl ::core::future::Future<Output = u8> + ::core::marker::Send {
        Self::load(_impl)
    }
}
