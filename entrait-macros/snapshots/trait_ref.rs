trait ReadConfig: 'static {
    fn read_config(&self) -> &str;
}
impl<T> ReadConfig for ::entrait::Impl<T>
where
    T: ::core::convert::AsRef<dyn ReadConfig>,
    Self: 'static,
{
    #[inline]
    fn read_config(&self) -> &str {
        <dyn ReadConfig as ReadConfig>::read_config(
            ::core::convert::AsRef::<
                dyn ReadConfig,
            >::as_ref(::core::ops::Deref::deref(self)),
        )
    }
}
