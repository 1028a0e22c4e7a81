fn make<T: Default, D: Db, const N: usize>(deps: &D, x: T) -> [T; N] {
    todo!()
}
trait Make<T: Default, const N: usize> {
    fn make(&self, x: T) -> [T; N];
}
impl<T: Default, const N: usize, EntraitT: Db> Make<T, N> for EntraitT {
    fn make(&self, x: T) -> [T; N] {
        make::<T, _, N>(self, x)
    }
}
