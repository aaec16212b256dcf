export * from "./bastion";
