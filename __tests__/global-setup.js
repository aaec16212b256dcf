// Compile once before the workers start: several tests run the compiled app and CLI as child
// processes, and two workers must not compile at the same time.
module.exports = () => {
  require("../scripts/build").ensureBuilt();
};
