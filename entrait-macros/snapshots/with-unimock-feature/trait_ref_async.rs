#[cfg_attr(test, ::entrait::__mock::unimock(prefix = ::entrait::__mock))]
pub trait Store: Sync + 'static {
    fn get(
        &self,
        k: u32,
    ) -> impl ::core::future::Future<Output = String> + ::core::marker::Send
    where
        Self: ::core::marker::Sized;
    fn find(
        &self,
        k: &str,
    ) -> impl ::core::future::Future<Output = u32> + ::core::marker::Send
    where
        Self: ::core::marker::Sized;
    fn name(&self) -> &str;
}
///The dyn-compatible form of [`Store`], implemented for every `T: Store`: `Impl<App>` delegates to it when `App: AsRef<dyn DynStore>`. Its methods are those of `Store` prefixed with `dyn_`, async ones returning one boxed future.
pub trait DynStore: Sync + 'static {
    fn dyn_get<'entrait>(
        &'entrait self,
        k: u32,
    ) -> ::core::pin::Pin<
        ::entrait::__private::Box<
            dyn ::core::future::Future<Output = String> + ::core::marker::Send + 'entrait,
        >,
    >;
    fn dyn_find<'entrait>(
        &'entrait self,
        k: &'entrait str,
    ) -> ::core::pin::Pin<
        ::entrait::__private::Box<
            dyn ::core::future::Future<Output = u32> + ::core::marker::Send + 'entrait,
        >,
    >;
    fn dyn_name(&self) -> &str;
}
impl<T> DynStore for T
where
    T: Store + 'static,
{
    fn dyn_get<'entrait>(
        &'entrait self,
        k: u32,
    ) -> ::core::pin::Pin<
        ::entrait::__private::Box<
            dyn ::core::future::Future<Output = String> + ::core::marker::Send + 'entrait,
        >,
    > {
        ::entrait::__private::Box::pin(<T as Store>::get(self, k))
    }
    fn dyn_find<'entrait>(
        &'entrait self,
        k: &'entrait str,
    ) -> ::core::pin::Pin<
        ::entrait::__private::Box<
            dyn ::core::future::Future<Output = u32> + ::core::marker::Send + 'entrait,
        >,
    > {
        ::entrait::__private::Box::pin(<T as Store>::find(self, k))
    }
    fn dyn_name(&self) -> &str {
        <T as Store>::name(self)
    }
}
impl<T> Store for ::entrait::Impl<T>
where
    T: ::core::convert::AsRef<dyn DynStore>,
    Self: Sync + 'static,
    T: ::core::marker::Sync,
{
    fn get(
        &self,
        k: u32,
    ) -> impl ::core::future::Future<Output = String> + ::core::marker::Send {
        <dyn DynStore as DynStore>::dyn_get(
            <T as ::core::convert::AsRef<dyn DynStore>>::as_ref(self),
            k,
        )
    }
    fn find(
        &self,
        k: &str,
    ) -> impl ::core::future::Future<Output = u32> + ::core::marker::Send {
        async move {
            <dyn DynStore as DynStore>::dyn_find(
                    <T as ::core::convert::AsRef<dyn DynStore>>::as_ref(self),
                    k,
                )
                .await
        }
    }
    fn name(&self) -> &str {
        <dyn DynStore as DynStore>::dyn_name(
            <T as ::core::convert::AsRef<dyn DynStore>>::as_ref(self),
        )
    }
}
