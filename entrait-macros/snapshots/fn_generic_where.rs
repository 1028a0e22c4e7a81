fn both<D>(deps: &D, id: u32) -> u32
where
    D: A + B,
{
    todo!()
}
trait Both {
    fn both(&self, id: u32) -> u32;
}
impl<T: A + B> Both for T {
    fn both(&self, id: u32) -> u32 {
        both(self, id)
    }
}
