throw new Error("this scenario file is broken on purpose");
