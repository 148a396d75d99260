from alpine as Build
run echo hi
CoPy . /x
