pub trait Db {
    type Tx<'a>: Send where Self: 'a;
    fn begin(
        &self,
    ) -> impl ::core::future::Future<Output = Self::Tx<'_>> + ::core::marker::Send;
}
impl<T: Db> Db for ::entrait::Impl<T> {
    type Tx<'a> = <T as Db>::Tx<'a> where Self: 'a;
    fn begin(
        &self,
    ) -> impl ::core::future::Future<Output = Self::Tx<'_>> + ::core::marker::Send {
        <T as Db>::begin(self)
    }
}
